/**
 * Passwords people pick most often, from the usual published top lists (the NCSC's and SplashData's
 * "worst passwords", leaked-password frequency tables), lower-case. Short ones are here too: with digits
 * or symbols added at the end ("dragon1234!", "iloveyou12") they reach the 10-character minimum, and
 * app/models/account-rules.server.ts refuses those as well.
 */
const WORDS = `
123456 123456789 12345678 12345 1234567 1234567890 12345678910 123456789a 1234567891 0123456789 0987654321
987654321 9876543210 111111 1111111111 000000 0000000000 123123 123123123 1231231231 123321 654321 666666
121212 112233 11223344 1122334455 123qwe 123qweasd 123qweasdzxc 1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y
1qaz2wsx 1qaz2wsx3edc 1qazxsw2 zaq12wsx zaq1zaq1 zaq1xsw2 qazwsx qazwsxedc qazxswedc qwerty qwerty123
qwerty1234 qwertyuiop qwertyuiop123 qwertyui qwert qwerty12 qwertz qwertzuiop azerty azertyuiop asdfgh
asdfghjk asdfghjkl asdfghjkl1 asdf1234 asdfasdf asd123 zxcvbn zxcvbnm zxcvbnm123 qweasd qweasdzxc
qweqweqwe 1234qwer qwer1234 abc123 abcd1234 abc12345 abc123456 abcdef abcdefg abcdefgh abcdefghij
aaaaaa aaaaaaaaaa a1b2c3 a1b2c3d4 a123456 a12345678 aa123456 q1w2e3r4 q1w2e3r4t5 1a2b3c4d 147258369
147258 159753 159357 258456 789456 789456123 741852963 951753 963852741 passw0rd password password1
password12 password123 password1234 password! password01 p@ssw0rd p@ssword pa55word pass1234 pass123
passpass passw0rd1 mypassword newpassword changeme changeme123 letmein letmein123 welcome welcome1
welcome123 welcome2024 welcome2025 welcome2026 hello123 hello1234 helloworld hellohello iloveyou
iloveyou1 iloveyou2 iloveyou12 iloveyou123 ilovemyself iloveme loveme lovely lovelove loveyou love123
ihateyou trustno1 letmeinnow secret secret123 topsecret admin admin123 admin1234 administrator root
rootroot toor master master123 masterkey superman batman spiderman ironman starwars pokemon pikachu
naruto dragon dragonball monkey monkey123 football football1 baseball basketball soccer hockey
liverpool chelsea arsenal manchester manutd tottenham everton celtic rangers barcelona realmadrid
princess princess1 sunshine sunshine1 shadow shadow123 michael jennifer jordan jordan23 hunter
hunter2 buster charlie charlie1 daniel thomas robert jessica ashley michelle nicole andrew joshua
matthew anthony william george harley ginger pepper maggie bailey summer winter autumn spring
freedom whatever qwerty1 computer internet samsung iphone google facebook youtube linkedin twitter
minecraft fortnite roblox gaming gamer killer trustme cookie chocolate cheese banana orange apple
strawberry flower flowers purple yellow silver golden diamond tigger tiger lion eagle falcon
mustang ferrari porsche corvette yamaha harley1 mercedes jaguar dolphin butterfly angel angels
angel123 jesus jesus123 christ heaven blessed god123 faith grace family family123 forever
friends friend bestfriend whatever1 nothing something anything everything unknown default guest
guest123 test test123 test1234 testing testing123 demo demo123 user user123 login login123 access
access14 letmein1 open sesame opensesame 696969 6969 pussy fuckyou fuckoff asshole bitch money
money123 money1 cash lucky lucky7 lucky123 777777 7777777 888888 88888888 999999 99999999 101010
202020 131313 232323 212121 123654 123654789 456789 45678910 246810 13579 135790 abcabc abc321
zzzzzz xxxxxx qqqqqq 11111111 22222222 33333333 55555555 12341234 12344321 1234554321 112211
987654 2000 2001 1987 1988 1989 1990 1991 1992 1993 1994 1995 1996 1997 1998 1999 2002 2003 2004
2005 2006 2007 2008 2009 2010 2020 2021 2022 2023 2024 2025 2026 summer2024 summer2025 winter2024
winter2025 spring2025 autumn2025 january february march april june july august september october
november december monday tuesday friday sunday weekend london london123 england scotland wales
ireland britain edinburgh glasgow manchester1 liverpool1 chelsea1 arsenal1 celtic1 rangers1
sweetheart sweetie honey honey123 darling babygirl baby123 babyboy mybaby loveyou1 iloveu
myspace myspace1 soccer1 football123 baseball1 princess123 dragon123 superman1 batman123
starwars1 pokemon123 michael1 jordan123 charlie123 thomas123 daniel123 robert123 jessica1
ashley1 nicole1 andrew1 joshua1 matthew1 hannah emily sophie olivia amelia jack harry oliver
charlotte lauren samantha amanda melissa sarah jasmine chloe megan rachel rebecca laura
whatsup qwerty12345 asdfghjkl123 zxcvbnm1 1qaz2wsx3edc4rfv 1q2w3e4r5t6y7u8i 147852369
987456321 q1w2e3 1q1q1q1q 1qaz1qaz 2wsx3edc asdzxc qazwsx123 zaqxswcde asdasd asdasdasd
qweasd123 zxczxc zxc123 qwe123 qwe123qwe abc123abc aa112233 a1a1a1a1 abcd12345 abcde12345
12qwaszx 1234abcd abcd4321 letmein12 trustno11 iloveyou! password2 password3 password11
password69 password99 password2024 password2025 password2026 p@ssw0rd1 p@ssw0rd123 passw0rd123
admin12345 administrator1 root1234 qwerty!23 qwerty1! iloveyou1! welcome1! changeme1 secret1
parley parley123
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
