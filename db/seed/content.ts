/**
 * Demo content for Parley.
 *
 * Everything in this module is ORIGINAL and FICTIONAL: the Isle of Skerrin,
 * Port Carrick, its council, schools, ferry operator, care home, shops and
 * every person named here are invented for demonstration purposes. Any
 * resemblance to real places, organisations or people is coincidental.
 *
 * Links to the outside world point only at example.org / example.com; links to the site's
 * own pages (the terms of posting) are paths on the site.
 */

export const siteName: string = "The Skerrin Gazette";
export const siteTagline: string =
  "Independent news and conversation for Port Carrick and the Isle of Skerrin";
export const townName: string = "Port Carrick";

export interface SeedCategory {
  slug: string;
  name: string;
  description: string;
}

export const categories: SeedCategory[] = [
  {
    slug: "council",
    name: "Council",
    description:
      "Decisions, budgets and arguments at Skerrin Island Council, from the full chamber to the planning committee.",
  },
  {
    slug: "schools",
    name: "Schools",
    description:
      "Port Carrick High, the island primaries, school transport, meals, exams and the people who keep classrooms open.",
  },
  {
    slug: "ferries",
    name: "Ferries & Transport",
    description:
      "Sailings, breakdowns, timetables and buses: how islanders get to the mainland, to Inchmurran and around Skerrin.",
  },
  {
    slug: "community",
    name: "Community",
    description:
      "Halls, harbour, clubs, gala week, housing and the everyday life of Port Carrick and the villages.",
  },
  {
    slug: "health-care",
    name: "Health & Care",
    description:
      "The community hospital, GP appointments, home care and residential care for older islanders.",
  },
];

export const residentNames: string[] = [
  "Morven Sinclair",
  "Hamish Drummond",
  "Agnieszka Kowal",
  "Raj Bhattacharya",
  "Eilidh MacAskill",
  "Tom Prentice",
  "Siobhan Carragher",
  "Dougie Lennox",
  "Fatima Rahman",
  "Gregor Imrie",
  "Catriona Bain",
  "Kwame Asante",
  "Rhona Gillies",
  "Peter Vance",
  "Mairi Stoddart",
  "Jin-ho Park",
  "Alistair Munro",
  "Bethany Clough",
  "Yusuf Demir",
  "Jean Baxter",
  "Calum Morrison",
  "Niamh Doherty",
  "Graham Ure",
  "Lucia Ferreira",
  "Ewan Craigie",
  "Sandra Whyte",
  "Mohammed Iqbal",
  "Isla Paterson",
  "Ruaridh Maclean",
  "Helen Osei",
  "Stuart Kerr",
  "Anya Petrova",
  "Bill Henderson",
  "Karen Fotheringham",
  "Marek Zielinski",
  "Flora Jamieson",
  "Daniel Okafor",
  "Shona Rennie",
  "Wei Chen",
  "Archie Buchanan",
  "Gemma Lockhart",
  "Ravi Menon",
  "Elspeth Guthrie",
  "Ciaran Boyle",
  "Tessa Harrow",
  "Neil Strachan",
  "Ingrid Halvorsen",
  "Pauline McCrae",
];

export const staff: {
  editor: string;
  moderator: string;
  admin: string;
  secondEditor: string;
} = {
  editor: "Kirsty Laidlaw",
  secondEditor: "Tomasz Wrona",
  moderator: "Aileen Forsyth",
  admin: "Sam Okonedo",
};

export interface SeedArticle {
  slug: string;
  headline: string;
  summary: string;
  body: string;
  categories: string[];
  daysAgo: number;
  commentsOpen: boolean;
  commentVolume: "huge" | "large" | "medium" | "small" | "none";
  topComments: string[];
  replies: string[];
}

export const articles: SeedArticle[] = [
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "tullochside-house-care-home-closure-approved",
    headline: "Councillors vote 7–5 to close Tullochside House care home",
    summary:
      "The island's only council-run care home will close by next spring, with its 19 residents offered mainland places or an expanded home-care package. Families say they were not listened to.",
    body: `Skerrin Island Council has voted to close **Tullochside House**, the 24-bed care home on the Ardvane road that has looked after older islanders for more than forty years. After a four-hour meeting on Thursday, councillors backed the closure by seven votes to five, with one abstention.

The public gallery, which holds sixty people, was full by half past nine. Several dozen more stood in the corridor and listened through the open doors. When the result was read out there was a long silence, and then someone at the back said quietly, "Shame on you." Nobody asked them to leave.

## What was decided

The paper approved by the majority sets out a timetable that families described as "brutal":

- No new admissions to Tullochside from the end of this month.
- Each of the 19 current residents to receive an individual care review by the end of January.
- Residents to be offered either a place at **Kinloch Court** in Caldermouth, on the mainland, or an enhanced package of care at home.
- The building to close by the end of April, with the site declared surplus and offered for sale.

Council officers say the closure will save around £640,000 a year. The home needs an estimated £2.1 million of work to its roof, heating and fire doors, and has relied on agency staff brought over on the ferry for most of the last two years.

## "There was no other honest choice"

Council leader **Cllr Morag Tennant** (Independent, Port Carrick North) said the decision was the hardest she had faced in eleven years on the council.

> "Nobody in this chamber wanted to be here. But we cannot staff that building safely, we cannot afford to rebuild it, and pretending otherwise for another winter would be a failure of its own. The money saved goes straight into care at home, which is where most islanders tell us they want to be."

Health and social care convener **Cllr Lorna Keddie** said £400,000 of the saving would be ring-fenced to recruit home carers, and that no resident would be moved "until a safe alternative is in place and their family has agreed it".

## The case against

Opposition councillor **Duncan Ferrie** (Ardvane and Glenscarra) said the promise of more home care was "a cheque written on an empty account".

> "We cannot fill the home-care vacancies we already have. There are people in Sandholm waiting six weeks for a morning visit. Now we are going to send ninety-year-olds across the Sound to a town where their families would need a ferry, a bus and a day off work to visit them."

Ferrie proposed an amendment to delay the decision for a year while a community-led trust explored taking the building over. It was defeated by the same seven votes to five.

*Jeannie Rowatt*, whose mother has lived at Tullochside for three years, presented a petition with 3,112 signatures, roughly a third of the island's adult population. "Mum knows every face in that building," she told councillors. "The cook grew up two doors down from her. You cannot put that in a spreadsheet."

## What happens next

Families will receive letters this week explaining the review process. The council has set up a helpline and says an independent advocate will be available to any resident who wants one. The full committee report, including the building survey, is published at [example.org/council/tullochside-report](https://example.org/council/tullochside-report).

The Friends of Tullochside group says it is taking legal advice on whether the consultation was lawful, and will hold a public meeting in Sandholm Memorial Hall next Tuesday at 7pm.

*The Gazette has asked Skerrin Health and Care Partnership how many home-care posts are currently vacant. We will publish the answer when we receive it.*`,
    categories: ["health-care", "council"],
    daysAgo: 2,
    commentsOpen: true,
    commentVolume: "huge",
    topComments: [
      "My gran spent her last two years in Tullochside and the staff there were angels. Every single one of them. I'm genuinely heartbroken reading this.",
      "Seven people decided this. Seven. Remember their names when the elections come round in May.",
      "I'll probably get shot down for this but somebody has to say it: a building that needs £2 million of work and can't keep staff isn't a care home, it's a risk. The councillors who voted for this didn't do it for fun.",
      "How exactly is a 91-year-old with dementia meant to cope with being moved to Caldermouth? Has anyone on the council actually visited Kinloch Court? Because I have, and it's a very long way from home in every sense.",
      "£640,000 saved a year. What did the council spend on the new signage at the ferry terminal again? Just asking.",
      "Genuine question: if the home-care vacancies can't be filled now, what is different about the £400k that means they will be filled? Is it higher pay? Housing for carers? Anybody know?",
      "I work in care on the island. We're not short of money so much as short of people and short of houses for people to live in. Until someone fixes housing this will keep happening, in every service.",
      "Signed the petition, went to the meeting, wrote to every councillor. Got one reply. Thanks Cllr Ferrie at least.",
      "The visiting argument is the one that gets me. The 7.40 sailing, the 12.15 bus from the Caldermouth terminal, then you've got about 40 minutes with your mum before you have to run for the last boat back. Every week. In January.",
      "Can we please keep this civil? I've seen a few posts on Facebook naming staff at the council offices. The officers didn't vote. Councillors did.",
      "Is the community trust idea actually realistic? Not being negative, I'd like to know. Who would run it and where would the staff come from?",
      "I sat in the gallery on Thursday. Cllr Tennant looked like she hadn't slept. I don't agree with the decision, but I don't think she made it lightly either.",
      "This is what happens when every budget decision is made on the mainland and handed down to us. The council is just the messenger here.",
      "Lol the messenger. They had a vote. Five of them managed to vote against it.",
      "Has anyone asked the residents themselves? Not the families, the actual residents. Some of them are perfectly able to say what they want.",
      "My dad is one of the 19. We got a phone call before the meeting telling us 'not to worry'. Then we read about the vote here. That's how we found out.",
      "If the site is going to be 'offered for sale' I'll bet you anything it ends up as holiday flats within five years. Watch this space.",
      "Old enough to remember when Tullochside opened. The whole island raised money for the garden. There's a plaque with my father's name on it by the greenhouse.",
      "Honestly the saddest bit of the article is the line about the cook growing up two doors down. That's what we're losing. Not a building.",
      "Will the Gazette be following up on the legal challenge? Would be good to know whether the consultation was done properly, because it certainly didn't feel like it.",
    ],
    replies: [
      "I agree the staff are wonderful, but that's exactly the problem. There aren't enough of them and the ones who are there are exhausted.",
      "Remembering names is fine, but who's standing against them? Last time three wards were uncontested. If you're angry, stand.",
      "The pay for home carers went up in October, I think it's £12.90 an hour now. Still less than the fish factory and you need your own car.",
      "Kinloch Court is actually very good from what I've heard. It's the distance that's the problem, not the care.",
      "You're not wrong about housing. My daughter was offered a carer's job here and turned it down because the only room she could find was £900 a month.",
      "That signage was paid for out of a transport grant, not the care budget. Doesn't make it less daft but it's not the same pot of money.",
      "The trust model works on Inchmurran for the shop and the hall. A care home is a different scale though, you need registered managers, nurses, the lot.",
      "I'm so sorry you found out that way. Please ask for the independent advocate, they have to provide one and it helps to have someone in your corner.",
      "There's a plaque with my mum's name on it too. I went and looked at it yesterday. Still can't quite believe it.",
      "With respect, 'the messenger' had a choice. The amendment to delay a year was right there and they voted it down.",
      "A year's delay wouldn't have found staff who don't exist. It would just have meant another winter of agency nurses on the 7.40 boat.",
      "Holiday flats is exactly what happened to the old school house in Ardvane. Sold 'for community benefit' and now it's on three booking sites.",
      "Friends of Tullochside meeting is Tuesday 7pm Sandholm hall, not Port Carrick. Spread the word.",
      "Thank you for saying this. The front desk staff at the council have been getting abuse all weekend and they had nothing to do with it.",
      "Yes, we'll follow the legal challenge closely and report on any court hearing. – Gazette news desk",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "inchmurran-winter-sailings-cut-to-three-days",
    headline: "Inchmurran winter sailings cut to three days a week from November",
    summary:
      "Skerrin Sound Ferries will run the Ardvane–Inchmurran crossing only on Mondays, Wednesdays and Fridays this winter, blaming crew shortages and the age of its smallest vessel.",
    body: `Islanders on **Inchmurran** will have a ferry only three days a week this winter after Skerrin Sound Ferries (SSF) confirmed a reduced timetable for the short crossing from Ardvane slipway.

From the first Monday in November until the end of March, the *MV Puffin* will sail on **Mondays, Wednesdays and Fridays only**, with two return crossings on each of those days. The current winter timetable has two returns every day except Sunday.

Around 60 people live on Inchmurran year-round, including eleven children who cross to Ardvane Primary and Port Carrick High every school day.

## Why SSF says it has no choice

In a statement, SSF's operations director **Neil Abercromby** said the company had been unable to recruit a second qualified skipper for the route since the summer.

> "We have one master for the *Puffin* and he cannot work seven days a week all winter. We have been advertising since June. We would rather publish a timetable we can keep than one we will cancel every other day."

He added that the *Puffin*, now 34 years old, needs a longer maintenance period this year, and that running her less often over winter "reduces the risk of a breakdown that takes her out for weeks".

## What it means for Inchmurran

For the island's families, the change is not a matter of convenience. Under the new timetable:

1. Secondary pupils will board in Port Carrick from Monday to Friday, returning home only at weekends if the Friday boat runs.
2. Primary pupils will be taught on Inchmurran on Tuesdays and Thursdays by a visiting teacher, with lessons online.
3. Mail, groceries and prescriptions will travel only on sailing days.
4. The emergency arrangement with the lifeboat and the air ambulance does not change.

*Catriona Bain*, who runs the Inchmurran community shop, said she had already started ordering twice as much stock on Mondays "and praying the weather holds on Wednesdays". She said: "People on the mainland think this is about the odd missed shopping trip. It's about whether a family with young children can keep living here."

## Councillors divided

Transport convener **Cllr Fraser Nicol** said the council had "no power to instruct a private operator", but that he had asked SSF to review the timetable in January. The route receives an annual subsidy of around £380,000 from the council.

Cllr Duncan Ferrie, whose ward includes Inchmurran, said that subsidy should come with conditions. "If we are paying for a service, we should be able to insist on one. Three days a week is not a lifeline, it's a rumour."

## Have your say

SSF is holding a drop-in at Ardvane Village Hall on Saturday from 10am to 1pm. The full winter timetable is published at [example.com/ssf/winter-timetable](https://example.com/ssf/winter-timetable), and you can read the subsidy agreement, which the council published after a request by the Gazette, at [example.org/council/ferry-subsidy](https://example.org/council/ferry-subsidy).`,
    categories: ["ferries"],
    daysAgo: 1,
    commentsOpen: true,
    commentVolume: "large",
    topComments: [
      "Eleven-year-olds boarding in Port Carrick all week because a ferry company can't find a skipper. In this day and age. Unreal.",
      "The council pays them £380k a year. For that money you'd expect a boat every day, not three.",
      "Has anyone looked at the skipper's pay for the Puffin? I'm a qualified master and I looked at that advert in July. It was less than I make on the fish farm boats, with worse hours.",
      "I'm on Inchmurran. We'll manage, we always do, but please stop calling it 'the short crossing' as if that makes it less important. It's our only road.",
      "Three days a week is better than a timetable that gets cancelled every second morning. At least you can plan around it.",
      "What happens if it's blowing a gale on a Wednesday? Then it's Monday to Friday with no boat at all. That's a long time for someone on medication.",
      "The Puffin is 34 years old. She was second-hand when we got her. Where is the replacement that was promised in the last two council manifestos?",
      "Could the council not run the route itself? Genuine question, I know some islands elsewhere do that.",
      "Catriona's shop is the heart of Inchmurran. If she goes under because of this, the island goes with it.",
      "Why is there no mention of the tourists? Half the summer income on Inchmurran comes from day trippers, and they'll just not bother next year if they think the boat won't run.",
      "Drop-in on a Saturday morning at Ardvane — how exactly are Inchmurran folk meant to get there with no Saturday sailing? You couldn't make it up.",
      "Not being funny but where are the kids going to board? The hostel in Port Carrick closed in 2019.",
      "I get the anger but the skipper problem is real. My brother left SSF last year because he was on call almost every weekend. Nobody can do that forever.",
      "SSF's statement reads like it was written by a lawyer. 'We would rather publish a timetable we can keep.' Well, keep the one you had.",
      "Kudos to the Gazette for getting the subsidy agreement published. Page 14 is very interesting, there's a clause about 'minimum service levels' that nobody seems to be talking about.",
      "Suggestion: what about a water taxi licence for one of the local boats on the other days? Plenty of people with the skills, just no framework for it.",
      "We moved to Inchmurran four years ago thinking it would be a good place for the kids. Now I'm honestly wondering.",
      "Cllr Nicol saying the council has 'no power' is nonsense. It's the council's money. Attach conditions or spend it elsewhere.",
    ],
    replies: [
      "Honestly I think the hours are a bigger issue than the pay. On call every weekend would put anyone off, whatever the rate.",
      "They're putting the secondary kids in the old nurses' flats at the hospital, apparently. Nobody has told the parents officially yet though.",
      "A water taxi would need MCA certification and proper insurance. Not impossible, but it's not a quick fix for November.",
      "The minimum service clause says 'subject to crew availability', which is a door you could drive the Kittiwake through.",
      "Agreed, it's a road. Nobody would close the A-road to Sandholm four days a week and call it a service.",
      "The replacement was in the capital plan. It got 'deferred' in the budget in 2022 and never came back.",
      "They can run it themselves, but then they carry all the risk and the crew problem doesn't go away. It just moves to a different payroll.",
      "I'd rather a reliable three days than an unreliable six, if I'm honest. At least you know where you are.",
      "Reliable three days until the first gale. Then it's reliable zero.",
      "SSF say they'll run an extra sailing on Thursday if Wednesday is cancelled for weather. It's on the second page of the timetable, easy to miss.",
      "Don't give up on Inchmurran yet. There were dark winters before and folk got through them. Come to the drop-in, make some noise.",
      "I asked the same about the drop-in. SSF say they'll do an online session on Tuesday evening as well, link should be on their site.",
      "The day trippers point is a good one. A lot of the cafés on Inchmurran make their year between May and September.",
      "Exactly this. 'No power' just means 'don't want the argument'.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "port-carrick-gala-week-programme-announced",
    headline: "Raft race, pipe band and a new night market: Gala Week programme announced",
    summary:
      "Port Carrick Gala Week returns at the end of the month with the harbour raft race, the Sandholm pipe band and, for the first time, a Friday night market on the pier.",
    body: `The programme for this year's **Port Carrick Gala Week** has been published, and the organising committee says it is the fullest in a decade.

Gala Week runs from Saturday the 26th to the following Saturday and, as ever, is organised entirely by volunteers. Committee chair *Rosemary Kilgour* said this year's theme, "Harbour Lights", was chosen by pupils at Ardvane Primary in a vote that was "more fiercely contested than any council election".

## Highlights

- **Opening parade**, Saturday 2pm, from the Town Hall to the harbour, led by the Sandholm and District Pipe Band.
- **Harbour raft race**, Sunday at high water (around 3.40pm). Entries close on Wednesday, and rafts must be inspected by the lifeboat crew before launch.
- **Teddy bears' picnic** in Marine Gardens, Monday from 11am. Bring your own bear; spare bears available from the Anchor Stores.
- **Quiz night** at the Gannet Inn, Tuesday 8pm, teams of up to six.
- **Senior citizens' tea dance**, Wednesday afternoon in the Town Hall, with transport from Sandholm and Ardvane.
- **Night market** on the pier, Friday 6pm to 10pm. New this year.
- **Crowning of the Gala Queen and King** and fireworks, closing Saturday.

## A market on the pier

The night market is the big change. Around 25 stalls have signed up so far, from Dunlop's Bakery and the Creel Café to craft makers from Inchmurran and Glenscarra. The Harbour Trust has agreed to close the pier to vehicles for the evening.

> "We wanted something that would bring people down to the harbour after dark, the way it used to be when the boats came in," said Kilgour. "If it works, we'd love to make it a monthly thing over the summer."

Stallholders who want to take part can still apply through the committee's page at [example.org/gala/market](https://example.org/gala/market). There is no pitch fee for island-based charities.

## Volunteers still needed

The committee says it still needs help with stewarding the parade, running the tombola and, in Kilgour's words, "anyone at all with a van on the Sunday". A volunteer rota is pinned up in the window of the Anchor Stores.

*Parking on Harbour Street will be suspended from 5pm on Friday until midnight, and on Saturday during the parade.*`,
    categories: ["community"],
    daysAgo: 0,
    commentsOpen: true,
    commentVolume: "small",
    topComments: [
      "Night market on the pier is a brilliant idea. About time the harbour was used for something other than parking.",
      "Our raft sank 30 metres from the start last year. We have learned nothing and we are entering again.",
      "Will the tea dance transport include Glenscarra this year? Last year it only came as far as Sandholm and my aunt missed out.",
      "Spare bears from the Anchor Stores made me laugh out loud. This island is the best.",
      "Happy to help with the tombola on Saturday if someone tells me where to turn up.",
      "Any word on whether there will be something for teenagers? It's all very lovely for wee ones and pensioners but there's not much in between.",
      "The fireworks frightened my dog so badly last year she hid under the bath for a day. Any chance of a quieter display? Loads of places do low-noise ones now.",
      "Quiz night at the Gannet is always chaos. The picture round last year was mostly blurry photos of the council chief exec's car.",
      "Well done to the Ardvane Primary bairns for picking the theme. 'Harbour Lights' is lovely.",
      "Is the parade route changing because of the roadworks at the top of Kirk Brae? Last I saw there was a big hole there.",
      "I have a van and will be there on Sunday. Rosemary knows where to find me.",
      "First gala since we moved here in the spring. What's the one thing we shouldn't miss?",
    ],
    replies: [
      "The raft race, no question. Stand on the harbour wall near the chandlery, you'll get the best view of people sinking.",
      "Teenagers: the youth club are doing a silent disco on the Thursday, it's on the back page of the programme.",
      "Low-noise fireworks are a good shout. Worth emailing the committee directly, they're very approachable.",
      "The committee say the Brae roadworks will be finished by Wednesday, so the usual route should be fine.",
      "Just turn up at the Town Hall at 1pm on Saturday and ask for the tombola table, they'll be delighted.",
      "The bus is going out to Glenscarra this year, I asked at the Town Hall yesterday.",
      "Respect for entering again. Maybe this year put the barrels underneath the planks.",
      "The picture round was a work of art and I won't hear a word against it.",
      "Agreed, it's good to see the pier lit up again. Used to be like that every Friday when the herring boats landed.",
      "Welcome to Port Carrick! Do the teddy bears' picnic even if you don't have kids. Nobody will judge you.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "man-charged-after-harbour-chandlery-break-in",
    headline: "Man charged after break-in at harbour chandlery",
    summary:
      "A 34-year-old man has been charged in connection with a break-in at MacInnes Chandlery on Harbour Street. Comments are closed because the case is now active.",
    body: `A 34-year-old man has been arrested and charged in connection with a break-in at **MacInnes Chandlery** on Harbour Street, Port Carrick, in the early hours of Sunday.

Police said they were called at around 3.15am after an alarm was triggered at the premises. A quantity of outboard engine parts and marine electronics was reported missing. Officers from the Port Carrick station, supported by colleagues who travelled from Caldermouth on the first sailing, carried out enquiries over the weekend.

The man is due to appear at Caldermouth Sheriff Court on Monday. A police spokesperson said a report had been sent to the procurator fiscal.

## Owner thanks community

Chandlery owner *Alec MacInnes* said the shop would reopen as normal on Tuesday. He thanked neighbours on Harbour Street and members of the fishing community who had contacted him.

> "Forty years we've been on this street and it's the first time anything like this has happened. I've had folk at the door with flasks of tea since seven o'clock on Sunday morning. That's Port Carrick for you."

He asked customers with orders due for collection this week to phone ahead, as some stock is still being checked.

## A note on comments

Because a person has been charged, proceedings are now **active** and the law restricts what can be published about the case. That restriction applies to readers' comments just as much as to our reporting. Speculation about the person charged, their identity, or whether they did it could prejudice a fair trial.

For that reason, **comments on this story are closed**. Our [terms of posting](/terms) explain why we do this, and rule 9 in particular covers court cases. We will report the outcome of the case when it concludes.

*Anyone with information is asked to contact police on the non-emergency number, quoting incident 0214 of Sunday.*

## Harbour security

The Port Carrick Harbour Trust said it would review lighting and CCTV coverage along Harbour Street and the fish quay at its next meeting. Harbourmaster **Euan Raeburn** said several lamps on the quay had been out of action since the storms in February, and that replacement parts were "on order, and have been on order for some time".

Businesses on Harbour Street who want advice on security can attend a drop-in with the local community police officer at the Town Hall on Thursday between 2pm and 5pm. The officer will also be offering free property marking for outboard engines and tenders, which the Trust says is the single most effective way to get stolen equipment back to its owner.

Fishermen and boat owners are reminded that the Trust's own guidance, including a checklist for securing gear overnight, is available at [example.org/harbour-trust/security](https://example.org/harbour-trust/security).`,
    categories: ["community"],
    daysAgo: 3,
    commentsOpen: false,
    commentVolume: "none",
    topComments: [],
    replies: [],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "port-carrick-high-half-day-friday-consultation",
    headline: "Port Carrick High proposes half-day Fridays from next August",
    summary:
      "The high school wants to move to a shorter Friday, finishing at 12.30pm, to free up time for staff training and to match the ferry timetable. Parents are split.",
    body: `Pupils at **Port Carrick High School** could finish at 12.30pm every Friday from next August under proposals put out to consultation this week.

The school's 480 pupils currently finish at 3.20pm every day. Under the plan, the weekly number of teaching hours would stay the same: an extra ten minutes would be added to each of the other four days, and Friday afternoons would be used for staff training, planning and "supported study" for pupils who want to stay on.

## Why the change?

Head teacher **Owen Pryce** set out three reasons in a letter to parents:

- *Ferries.* Visiting specialist teachers, including the music and additional support staff who come over from Caldermouth, could catch the 2.15pm Friday sailing home rather than staying over a night.
- *Training.* Staff training currently has to be squeezed into five in-service days a year, which Pryce says is "nowhere near enough for a school that has to teach every subject with a small staff".
- *Recruitment.* He believes a predictable Friday afternoon would make the school more attractive to teachers thinking of moving to the island.

> "I am very aware that a shorter Friday causes real difficulties for working parents, and I won't pretend otherwise. That is exactly why we are asking before deciding anything. If the island tells us this is wrong, we will not do it."

## What parents say

At a packed meeting in the school's assembly hall on Tuesday, opinion was divided roughly down the middle.

*Gillian Yuill*, a nurse at the community hospital with two children at the school, said: "I work until six on a Friday. Who is looking after my 12-year-old for five and a half hours? Not everyone has a granny down the road."

Others were more positive. A father who commutes to the mainland said his children spent Friday afternoons "watching films because half the teachers are already on the boat anyway".

The parent council has asked the school to clarify what would happen with **free school meals** on Fridays, and whether the school bus for Sandholm and Glenscarra would run at 12.30pm.

## The council's view

Education convener **Cllr Priya Halloran** said the council had not taken a position. "This is the school's proposal and the school community should shape it. But any change to transport would have to come back to committee, and it would have to be paid for."

## How to respond

The consultation runs for eight weeks. You can respond online at [example.org/pchs/friday-consultation](https://example.org/pchs/friday-consultation) or collect a paper form from the school office or Port Carrick library. Pupils will be consulted separately through the pupil council.

A second public meeting will be held in Sandholm Memorial Hall in three weeks' time, for families who could not get into town on Tuesday.`,
    categories: ["schools"],
    daysAgo: 5,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "As a teacher (not at PCHS) I can tell you that training time is a genuine problem. Five in-service days a year is a joke when you're the only chemistry teacher in the building.",
      "And who pays for childcare on Friday afternoons? Because it won't be the school.",
      "My kids would be thrilled. They'd spend the afternoon in the Creel Café spending my money.",
      "Sandholm bus at 12.30 is the key question. If it doesn't run, the whole thing falls apart for half the island.",
      "Ten extra minutes on the other four days doesn't sound much but my son already gets home at ten to five on the Glenscarra bus. It adds up.",
      "I was at the meeting. Mr Pryce was honest and listened properly, which is more than you can say for most. I'm still against it though.",
      "Fridays already feel like half days from what my daughter says. At least this makes it official and structured.",
      "Will kids on free school meals still get lunch on a Friday? If not that's an absolute non-starter for a lot of families here.",
      "Other schools on the mainland have done this for years. The sky didn't fall in.",
      "Mainland schools have after-school clubs and childminders on every street. We've got two registered childminders on the whole island and both are full.",
      "Supported study on a Friday afternoon is a great idea in theory. Will anyone actually staff it or will it be a room with a laptop and a supervisor?",
      "Genuinely think the recruitment argument is the strongest one. We lost two maths teachers in three years.",
      "Would be nice if the pupils were asked first rather than separately. They're the ones it affects most.",
      "Could the Friday afternoon be used for community stuff? Sports, Duke of Edinburgh, volunteering with the lifeboat? That would actually be brilliant.",
    ],
    replies: [
      "The letter says meals will be served before pupils leave at 12.30, so free meals should be unaffected. Worth confirming though.",
      "Two registered childminders is right, I checked the care register last month. It's a real gap.",
      "That's a fair point about the Glenscarra bus. Ten minutes on top of an already long day is tough on the younger ones.",
      "The community activity idea is a good one, you should put it in your consultation response. They did say they'd read every one.",
      "Being on the mainland doesn't make it right for us. Different place, different pressures.",
      "I don't think it's either-or. You can want better training for teachers and still say this model doesn't work for working parents.",
      "The pupil council did a survey last year and most pupils wanted a shorter Friday. Not exactly a shock.",
      "Losing two maths teachers in three years is frightening. My daughter had four different teachers in S3.",
      "As far as I know the supported study would be run by teachers on a rota, not just a supervisor. That's what was said at the meeting anyway.",
      "Fair enough. I'd just ask them to pilot it for a term before committing.",
      "The Creel Café will need to hire extra staff on Fridays at this rate.",
      "Yes, the Sandholm meeting is in three weeks. I'd encourage everyone out that way to go.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "mv-kittiwake-dry-dock-return-delayed",
    headline: "Kittiwake's return from dry dock delayed by a further two weeks",
    summary:
      "The main Port Carrick–Caldermouth ferry will stay in the yard until the end of the month after inspectors found corrosion in her steering gear. The relief vessel stays on the route.",
    body: `The **MV Kittiwake**, the main ferry between Port Carrick and Caldermouth, will not return to service until the end of the month, Skerrin Sound Ferries has confirmed.

The vessel went into dry dock on the mainland five weeks ago for what was planned as a three-week annual overhaul. SSF says inspectors found *"more extensive than expected"* corrosion in part of her steering gear, which must be repaired and tested before she can return.

## What this means for passengers

The smaller **MV Island Rose** continues to cover the route. She carries fewer vehicles, so:

- Vehicle bookings remain limited to 18 cars per sailing, compared with 42 on the *Kittiwake*.
- Commercial vehicles and livestock have priority on the first sailing of each day.
- The late Friday sailing at 8.30pm remains suspended.
- Foot passengers are unaffected, and bookings for foot passengers are not needed.

SSF says anyone who holds a vehicle booking that can no longer be honoured will be contacted directly and offered an alternative sailing or a full refund.

> "We know how much disruption this causes, particularly to hauliers and to islanders with hospital appointments on the mainland," an SSF spokesperson said. "Safety has to come first. We will not return the *Kittiwake* until we are completely satisfied."

## Hauliers feel the pinch

*Iain Baird*, who runs Baird's Haulage from the industrial estate at Sandholm, said the delay was costing his business "hundreds of pounds a week" in missed deliveries and overtime.

"We've been waiting on the *Kittiwake* coming back for a fortnight. You plan your whole month around the date they give you, then they move it. Again."

The Anchor Stores said shelves might be thinner than usual at the start of next week, but that fresh milk and bread deliveries were being prioritised.

## Hospital appointments

Patients with appointments at Caldermouth General who cannot get a vehicle space should contact the Skerrin Health and Care Partnership travel desk, which can arrange priority bookings. Details are at [example.org/health/travel-desk](https://example.org/health/travel-desk).

## A familiar story

This is the third year in a row that the *Kittiwake*'s overhaul has overrun. Last year she was out for seven weeks instead of four; the year before, a gearbox fault kept her in the yard over the October holidays. Transport convener Cllr Fraser Nicol said he would be asking SSF for "a frank account of the condition of the vessel and a realistic plan for her replacement" at the next transport committee.

Live sailing updates are posted at [example.com/ssf/status](https://example.com/ssf/status).`,
    categories: ["ferries"],
    daysAgo: 7,
    commentsOpen: true,
    commentVolume: "small",
    topComments: [
      "Two more weeks. Of course it is. I've stopped believing any date SSF gives out.",
      "To be fair, corrosion in the steering gear is exactly the sort of thing I want them to fix properly. I'd rather wait than be on a ferry that can't steer.",
      "The Island Rose crew have been brilliant through all this. Credit where it's due.",
      "Any word on whether the late Friday sailing comes back when the Kittiwake does? It's the only way my partner gets home from work on the mainland at weekends.",
      "The travel desk tip is useful, I didn't know it existed. Thanks Gazette.",
      "Hauliers always get mentioned, rightly, but it's small businesses too. I sell on the mainland at weekend markets and I've missed three in a row.",
      "She's 27 years old. Things will keep breaking. We need a plan for a new vessel, not a plan for the next repair.",
      "Is it normal for a dry dock to find something like this? Genuinely asking, I don't know anything about boats.",
      "Shelves in the Anchor were pretty bare on Thursday. Managed to get the last loaf of Dunlop's sourdough though, so not all bad.",
      "Hospital appointment in Caldermouth on the 19th. No vehicle space for two weeks either side. Does the travel desk actually work?",
      "Every year it's the same story. Every single year.",
      "Take the bike over as a foot passenger, no booking needed. Only way to travel these days.",
    ],
    replies: [
      "Yes, it's fairly common with older ships. You only really see the state of some parts once they're stripped down.",
      "The travel desk got my dad a space within two days last month. Phone rather than email, it's quicker.",
      "SSF told me the late Friday returns with the Kittiwake. Fingers crossed.",
      "Totally agree about the new vessel. Every repair is money that could go towards a replacement.",
      "The bike is grand until you're coming back with a week's shopping and a gale blowing up the pier.",
      "Good to hear about the crew. They get a lot of grief for things that aren't their fault.",
      "I'd rather they took longer and got it right too. But they could communicate better about the dates.",
      "The markets point is a good one. Nobody counts the small sellers in these stories.",
      "Every single year, and every single year we're told it's the last time.",
      "Phone the travel desk as early as you can on a Monday, that's when they release the held spaces.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "council-budget-council-tax-rise-and-library-hours",
    headline: "Budget agreed: council tax up 6%, library hours cut, harbour car park charges introduced",
    summary:
      "Skerrin Island Council has closed a £2.3m gap with a council tax rise, shorter library opening hours, new car park charges and a hiring freeze. The opposition called it 'death by a thousand cuts'.",
    body: `Skerrin Island Council has set its budget for the coming year, closing a gap of **£2.3 million** with a mix of tax rises, service reductions and new charges.

Finance convener **Cllr Alasdair Byres** told Thursday's full council meeting that the authority faced "the tightest settlement in living memory", with rising costs for energy, ferries, school transport and social care all outpacing its grant.

## The main decisions

The budget, approved by eight votes to four, includes:

1. A **6% rise in council tax**, adding around £1.60 a week to a Band D bill.
2. Port Carrick library's opening hours cut from 40 to 28 a week; the Sandholm branch will open two days instead of three.
3. **Charges at the harbour car park** for the first time: £1 an hour, up to £4 a day, with free permits for island residents who register.
4. A freeze on filling non-essential vacancies for twelve months.
5. A 10% increase in burial and cremation fees.
6. £150,000 set aside for road repairs in Glenscarra after the winter storms.

The council is also counting on the savings from the closure of Tullochside House care home, which was approved separately last week.

## "There is no painless option left"

> "Every line of this budget is something somebody in this chamber would rather not do," Cllr Byres said. "But the alternative is running out of money in February, and I will not do that to the people who rely on us."

He said the residents' permit for the car park was designed so that "islanders don't pay to park in their own town, visitors do".

## Opposition reaction

Opposition group leader **Cllr Duncan Ferrie** said the budget would "hollow out" services outside Port Carrick.

"Sandholm loses a day at the library, Glenscarra loses its care home beds, and everybody pays more council tax. This is death by a thousand cuts, and the villages are taking most of them."

He proposed funding the library hours by dipping further into reserves, but his amendment fell.

## Libraries

Library users were among those in the public gallery. *Margaret Seaton*, who runs a weekly knitting and reading group in Port Carrick library, said: "For some of the folk who come, it's the only conversation they'll have that week. Losing Wednesday afternoon means losing that."

The council says it will consult on exactly which hours are cut before the new times start in April.

## Read the documents

The full budget papers, including an equality impact assessment, are published at [example.org/council/budget](https://example.org/council/budget). The residents' parking permit scheme opens for registration next month.`,
    categories: ["council"],
    daysAgo: 9,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "Six percent. On top of last year's five. Wages on this island haven't gone up 11% in two years, I can tell you that.",
      "Car park charges for visitors with free permits for locals seems fair enough to me. The harbour car park is rammed with campervans all summer.",
      "Cutting library hours is a false economy. It's the warmest free space in town in winter and half the island uses it for printing and internet.",
      "£1.60 a week for Band D. Most of us are in Band A-C anyway so it's less than that. Honestly I'd pay more to keep services.",
      "How do I register for the residents' permit? And does it cover people from Inchmurran who park at the harbour for the ferry?",
      "A hiring freeze while the roads look like the surface of the moon. Glenscarra got £150k, what about the rest of us?",
      "I don't envy Cllr Byres. I'd love someone who's angry about this to show us a budget that actually balances without cutting something.",
      "Reserves exist for emergencies. The island running short of money IS the emergency, surely?",
      "Burial fees going up 10% is grim. The dead don't have a vote I suppose.",
      "Eight votes to four. Same faces voting the same way on everything. Does anyone actually read the papers before they vote?",
      "Margaret's group is wonderful, my mum goes every week. Please keep Wednesday afternoon.",
      "Can the library not run some hours with volunteers? Plenty of retired folk would help.",
      "Free residents' permits, and I bet the visitors will just park on Harbour Street instead. Nobody thought that through.",
      "What does 'non-essential vacancy' mean in practice? Is a home carer essential? A road worker? A teacher?",
    ],
    replies: [
      "The permit page isn't live yet, but the papers say Inchmurran residents will be included because they rely on the ferry.",
      "Reserves can only be spent once. If you use them for running costs this year, the gap is still there next year and the reserves are gone.",
      "Volunteers can help but they can't replace trained staff, especially for things like the computer help sessions.",
      "Care, teaching and frontline roads are all listed as essential in appendix 4. It's mostly office posts that are frozen.",
      "I think Harbour Street is getting double yellows as part of the same scheme. It's in the roads section.",
      "Agree completely, the library is a lifeline in winter. It's not just about books.",
      "Fair point, but eight of them did read the papers and came to a different view. That's how votes work.",
      "Those of us in Band E don't have a choice about the band, we just inherited an old house with a big garden and a leaky roof.",
      "The Glenscarra road is the worst on the island, to be fair. You can lose a wheel in some of those potholes.",
      "If they offered a 'keep the library open' voluntary top-up I'd pay it tomorrow.",
      "Eleven percent in two years is brutal when you put it like that. Especially for pensioners on fixed incomes.",
      "Campervans all summer is right. Some of them stay a week without buying so much as a pint of milk.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "holiday-let-cap-proposed-for-port-carrick",
    headline: "Council proposes cap on new holiday lets in Port Carrick as housing waiting list hits 340",
    summary:
      "A planning 'control area' would require permission for any new short-term let in Port Carrick and Ardvane. Landlords warn it could damage the tourist economy.",
    body: `Anyone wanting to turn a house in **Port Carrick** or **Ardvane** into a holiday let would need full planning permission under proposals published by Skerrin Island Council this week.

The council's planning committee will consult on creating a *short-term let control area* covering the two settlements. The move follows a report showing that **one in four homes** in central Port Carrick is now a holiday let or second home, while the waiting list for social housing on the island has reached **340 households**.

## The numbers

The report, prepared by the council's housing team, found that:

- 212 properties on the island are now registered as short-term lets, up from 131 five years ago.
- In the Harbour Street and Kirk Brae area, 41% of homes are not occupied year-round.
- The average house price in Port Carrick is now more than eleven times the median island salary.
- Of 28 homes sold in the town last year, 17 went to buyers with a main address elsewhere.

Planning convener **Cllr Joan Maxwell** said the figures were "a warning light on the dashboard".

> "A town needs people who live in it. We need teachers, nurses, carers and ferry crew, and at the moment they simply cannot find a home here. This is one tool, not the whole answer, but it is a tool we have and should use."

## Not a ban

The council stresses that the control area would **not** affect existing holiday lets that already hold a licence, and that owners letting a room in their own home would be exempt. It would apply only to whole properties being converted.

## Concerns from tourism businesses

*Lorraine Dewar*, who manages around thirty holiday properties through her agency Skerrin Stays, said the proposal risked "punishing the people who brought money back to the island".

"Visitors spend in our shops, our cafés, the Gannet, on the boat trips. Half of these houses were empty and falling down before someone bought them and did them up. Blaming holiday lets for the housing crisis is easy. Building houses is hard."

The **Skerrin Housing Trust**, which builds and manages affordable homes, welcomed the proposal but said it needed to be matched by land for new building. Its chair, *Ranald Gow*, said the Trust had "planning permission for 18 homes at Sandholm and no way of paying for the road into the site".

## Have your say

The consultation runs for ten weeks. Documents, including a map of the proposed area, are at [example.org/planning/stl-control-area](https://example.org/planning/stl-control-area). A drop-in session will be held at the Town Hall on the first Saturday of next month.`,
    categories: ["council", "community"],
    daysAgo: 11,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "Born and brought up on Kirk Brae. There are now four houses on the street with someone living in them all year. Four. I don't need a report to tell me what's happened.",
      "Most of these holiday lets were bought by people who live on the mainland, not by islanders. The money leaves with the key safe.",
      "We let out my late mother's house in summer because it's the only way we can afford to keep it in the family. I'd hate to see us painted as the villains.",
      "It's not a ban, it's permission for NEW ones. Read the article before you panic, folks.",
      "Eleven times the median salary. My partner and I both work full time and we're living with her parents at 31.",
      "The Housing Trust has permission for 18 homes and can't afford a road. THAT is the scandal here. Why is the council not paying for the road?",
      "Tourism pays a lot of wages on this island. Be careful what you wish for.",
      "Tourism pays wages to people who then can't find anywhere to live. It's a circle.",
      "Ardvane school has lost six pupils in three years because young families can't get a house there. Something has to change.",
      "Why only Port Carrick and Ardvane? Sandholm has the same problem, just a bit behind.",
      "Lorraine's point about houses being empty before is true for some of them. The old coastguard cottages were derelict for years.",
      "Honestly would love to know how many of the 340 on the waiting list are key workers. Teachers, nurses, carers. That would make the case even stronger.",
      "My landlord sold up last year to turn my flat into an Airbnb. I'm now in a caravan at Glenscarra. In October.",
      "Good on Cllr Maxwell. Somebody had to start this.",
    ],
    replies: [
      "I don't think anyone's calling families like yours villains. It's the investors with six properties that people are angry about.",
      "The council has said it can't borrow for the Sandholm road without cutting something else. Which, after the budget, means cutting something else again.",
      "Sandholm may be added later, according to the report. They wanted to start with the worst-affected areas.",
      "The report says 64 of the 340 are households where someone works in health, care or education. It's on page 22.",
      "I'm so sorry about the caravan. Please get on to the housing options team, you may have more priority than you think.",
      "Both things can be true. Tourism matters, and a town with nobody living in it is no good to tourists either.",
      "The coastguard cottages are a good example actually. They'd never have been restored otherwise.",
      "Absolutely this about the money leaving. The cleaning and laundry is about the only bit that stays on the island.",
      "31 and living with the in-laws. Same here. You're not alone, not that it helps much.",
      "Four houses lived in all year on Kirk Brae is shocking. My granny's street. It used to be full of kids.",
      "Read the article, yes, but also read the consultation. There are a couple of clauses on extensions that affect existing lets.",
      "It's a start. Building homes is the bigger job, but you have to stop the leak as well as filling the bucket.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "home-care-waiting-list-sandholm-glenscarra",
    headline: "Dozens waiting weeks for home care as carers struggle to cover island's west side",
    summary:
      "Figures obtained by the Gazette show 37 people assessed as needing home care are still waiting for it, most of them in Sandholm and Glenscarra. Families describe the gap as 'terrifying'.",
    body: `Thirty-seven people on Skerrin who have been assessed as needing care at home are still waiting for it to start, according to figures obtained by the *Gazette*.

The information, released by the **Skerrin Health and Care Partnership** after a request from this paper, shows that the average wait between assessment and the first visit is now **38 days**. Two people have been waiting more than three months. Twenty-six of the 37 live in Sandholm, Glenscarra or the crofts along the west road.

## A carer's day

The partnership employs the equivalent of 31 full-time home carers but says it needs 44 to meet current demand. Eleven posts are vacant.

We spent a morning with one carer, *Shona*, who asked us not to use her surname. Her first visit was at 7.15am in Sandholm; her fifth, at 11.40am, was in Glenscarra, fourteen miles away by single-track road.

> "I love the job. I love my clients. But you spend as long in the car as you do with people, and you're always watching the clock. If there's a tractor on the road, somebody's breakfast is late."

She said carers were paid mileage, but that it did not cover the real cost of running a car on the island, where fuel is around 15p a litre dearer than on the mainland.

## Families filling the gap

*Dennis Pirie*, from Glenscarra, has been caring for his wife since she came home from Caldermouth General in August. She was assessed as needing two visits a day. None has yet started.

"I'm 78. I've got a bad hip. I'm doing her showers, her meals, her tablets. I'm not complaining, she's my wife. But I'm terrified of what happens if I fall."

## What the partnership says

Chief officer **Dr Ailsa Crombie** said the partnership was "deeply sorry" for the delays and set out several steps it is taking:

- Paying carers for travel time as well as mileage from next month.
- Trialling *pooled rotas* in Sandholm so that carers based there do not have to drive to Port Carrick to start a shift.
- Working with the Skerrin Housing Trust to reserve four flats for new care staff.
- Using some of the money saved by closing Tullochside House to raise pay.

Dr Crombie said: "The single biggest thing that would help is more people choosing to work in care, and being able to find a place to live when they do."

## Opposition question

Cllr Duncan Ferrie said the figures proved that closing Tullochside before fixing home care was "putting the cart in front of a horse that doesn't exist". The council says the two decisions are linked and that Tullochside's staff will be offered jobs in home care.

If you or a family member is waiting for care, the partnership's duty team can be contacted through [example.org/health/home-care](https://example.org/health/home-care).`,
    categories: ["health-care"],
    daysAgo: 12,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "Dennis, if you're reading this, I'm in Glenscarra and I'll bring round soup any day you like. Ask the Gazette for my number.",
      "Fifteen pence a litre dearer and they wonder why nobody wants to drive 100 miles a day for £12.90 an hour.",
      "Paying for travel time should have been done years ago. Good that it's finally happening but it shouldn't have taken a newspaper story.",
      "Shona is a hero. They all are. My dad's carer comes in every morning whistling, no matter what the weather's like.",
      "38 days average wait. My mother-in-law waited 71. We were told it was 'unusual'. Apparently not.",
      "Four flats for care staff is a good start but it's four flats. We need forty.",
      "The Tullochside staff being offered home care jobs — has anyone asked whether they want them? Working in a home and driving round crofts are very different jobs.",
      "This is the real story behind the care home closure and it should be on the front page every week until it's sorted.",
      "Pooled rotas in Sandholm makes so much sense. Why drive into Port Carrick to start a shift and then drive straight back out?",
      "I'd honestly consider doing some care work part time if there was a proper route in. Where does a 50-something with no qualifications start?",
      "Dr Crombie says sorry a lot. I'd like to see a date by which the waiting list will be cleared.",
      "Good piece of journalism this. Thank you for doing the freedom of information request.",
      "My neighbour's son was a carer for six months and left for the salmon farm. Double the money, half the stress. Can't blame him.",
    ],
    replies: [
      "That's a lovely offer. This island at its best.",
      "You don't need qualifications to start — they train you and you do the SVQ while working. The partnership runs open days every couple of months.",
      "I asked a friend who works at Tullochside and she said most of the night staff don't drive, so home care isn't an option for them.",
      "71 days is horrendous. Did you ever get an explanation?",
      "Forty would be more like it. But you've got to start somewhere.",
      "Agree, pooled rotas is such an obvious idea it's a wonder nobody did it before.",
      "Thank you. We'll keep asking for these figures every quarter. – Gazette news desk",
      "Salmon farm pays better, sure, but it's seasonal for some of the jobs. Care is steady. Both have their place.",
      "A date would be good but I'd rather an honest 'we don't know' than a made-up target that gets missed.",
      "It should be on the front page, yes. Homes are closing while nobody can get a visit at home.",
      "That whistling carer sounds like a treasure. Tell them they're appreciated, they don't hear it enough.",
      "A tractor on the west road at 8am is a guaranteed ten-minute delay. Every carer on the island knows that.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "sandholm-primary-merger-with-ardvane-proposed",
    headline: "Sandholm Primary could merge with Ardvane as roll falls to 14",
    summary:
      "The council will consult on merging Sandholm and Ardvane primaries onto the Ardvane site, ending 130 years of teaching in Sandholm's schoolhouse. Parents have launched a campaign.",
    body: `Sandholm Primary School, which has taught children in the same stone schoolhouse since 1894, could close under plans to merge it with **Ardvane Primary** four miles along the coast.

A report to the council's education committee says Sandholm's roll has fallen to **14 pupils**, down from 31 a decade ago, and is projected to fall to nine within three years. Ardvane Primary has 46 pupils and space for around 70.

## The proposal

Councillors agreed on Wednesday to open a formal consultation on:

- Closing the Sandholm building at the end of next summer term.
- Moving all Sandholm pupils to an enlarged Ardvane Primary, to be renamed *Ardvane and Sandholm Primary*.
- Providing free transport for all Sandholm pupils.
- Keeping the Sandholm nursery class open in the village hall for at least two years.

Education convener **Cllr Priya Halloran** said: "Small schools are precious, and Sandholm's teachers do a wonderful job. But a class of three ten-year-olds can't play a team sport, can't put on a proper show, and doesn't get the breadth of friendships children need. This is about what's best for the children."

The report estimates the merger would save £190,000 a year, mostly in staffing and building costs.

## "The school is the village"

Parents have launched a campaign, *Keep Sandholm Learning*, and gathered outside the council offices before Wednesday's meeting.

> "Take away the school and you take away the reason for a young family to live in Sandholm," said campaign organiser *Eilidh Grant*, who has two children at the school. "Then the shop goes, then the hall. We've watched it happen in other villages. We're not going to let it happen here without a fight."

Head teacher **Jacqueline Orr** said she could not comment on the proposal during the consultation, but praised "a school community that has always punched above its weight".

## Weighing it up

Not all Sandholm families oppose the idea. One parent, who asked not to be named, told the *Gazette* her daughter was "the only girl in her year and desperate for friends her own age". She said she had been made to feel like "a traitor" for saying so at the school gate.

The campaign group says it wants the council to look at the bigger picture: the proposed holiday-let controls and the 18 homes the Skerrin Housing Trust hopes to build in Sandholm could bring young families back.

## Next steps

The statutory consultation will last at least six school weeks. A public meeting will be held in Sandholm Memorial Hall, and the proposal paper is at [example.org/council/education/sandholm](https://example.org/council/education/sandholm). A final decision is expected in the spring.`,
    categories: ["schools", "council"],
    daysAgo: 14,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "Went to Sandholm Primary in the 70s. There were 38 of us then. It's heartbreaking but I'm not sure how you justify a whole school for 14 children.",
      "You justify it because it's the only thing keeping the village alive. Look at Glenscarra since their school shut.",
      "Fair play to the parent who spoke up about her daughter. It takes guts to say the unpopular thing in a small place.",
      "£190k saved and then how much is spent on taxis to Ardvane every day? I'd like to see that figure.",
      "The 18 Housing Trust homes in Sandholm are the answer. Build them and the roll goes back up. Close the school and nobody will want them.",
      "My kids moved from a tiny school to a bigger one and they blossomed. It was the best thing that happened to them. Just offering a different view.",
      "Ardvane and Sandholm Primary is a mouthful. Kids will just call it 'the big school' anyway.",
      "If the council really thought small schools were 'precious' they wouldn't keep trying to close them.",
      "Four miles along the coast road in winter is no joke. That road floods at the burn every time there's a spring tide.",
      "Signed the Keep Sandholm Learning petition. Is there anything else practical people can do?",
      "Would the schoolhouse be sold? Because we all know what happens to sold buildings on this island.",
      "Mrs Orr is a wonderful head teacher. Whatever happens, I hope she's looked after.",
      "Cllr Halloran has a point about team sports. My son plays football at break with the two other boys in the school and the janitor.",
      "The nursery staying open 'for at least two years' is exactly the sort of phrasing that means 'until we close it too'.",
    ],
    replies: [
      "Glenscarra is the perfect example. School shut in 2009, shop shut in 2013, and the hall's now only open for elections.",
      "The transport cost is in the report, it's about £38k a year. So the net saving is lower than the headline.",
      "That's lovely to hear and I'm glad it worked for yours. It's just not the right fit for every child.",
      "Write to the consultation, and go to the public meeting. Numbers in the room do matter, even if it doesn't feel like it.",
      "The burn floods maybe four or five times a winter. The report says buses would take the hill road on those days, which adds 15 minutes.",
      "The report says the schoolhouse would be 'considered for community use first'. Whatever that means in practice.",
      "The janitor playing football is the most Sandholm thing I've ever heard. Respect to him.",
      "Chicken and egg though. Families won't move there without a school, and the school's closing because no families are there.",
      "I was 'the only girl in my year' in a wee school too. It was lonely. I'd have loved a bigger class.",
      "Agreed, 'at least two years' sounds like a countdown.",
      "The Housing Trust homes only happen if someone pays for the road. Which brings us back to the budget.",
      "Let's see what comes of the consultation. It's not a done deal yet, whatever anyone says on Facebook.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "harbour-medical-practice-same-day-appointments",
    headline: "Harbour Medical Practice moves to phone triage as GP vacancy goes unfilled",
    summary:
      "Port Carrick's only GP surgery will stop booking routine appointments more than a week ahead, with all same-day requests triaged by phone from 8am. Patients fear the 8am scramble.",
    body: `Patients at the **Harbour Medical Practice** in Port Carrick will have to phone for a triage call before being offered an appointment, under changes that start next month.

The practice, which serves around 4,100 patients across the whole island, has been without a third GP partner since *Dr Colin Strang* retired in the spring. Two recruitment rounds have failed to attract a permanent replacement, and locum cover has been patchy.

## What's changing

From the 1st of next month:

- Routine appointments can only be booked **up to seven days ahead**.
- Same-day requests will go to a triage list. A GP or advanced nurse practitioner will call back, usually within two hours, and decide whether a face-to-face appointment is needed.
- Repeat prescriptions must be ordered online or using the box in the surgery foyer, not by phone.
- Blood tests and dressings will be handled by the treatment room nurses at the community hospital.

## The practice explains

Senior partner **Dr Nadia Farouk** said the changes were "about making sure the people who most need to see a doctor today actually do".

> "At the moment, appointments are booked weeks ahead by people who may be perfectly well by the time they come in, while someone with chest pain can't get a slot. Triage is not a way of keeping people out. It is a way of getting the right person to the right clinician."

She added that the practice had agreed a two-day-a-week remote GP service with a mainland provider to reduce the pressure, and that a new advanced nurse practitioner would start in January.

## Patients worried

At a meeting of the patient participation group on Monday, several patients raised concerns about the 8am phone line. Retired teacher *Annie Cormack* said: "I've seen what happens in other places. You ring at eight, you're 23rd in the queue, and by the time you get through they tell you to try tomorrow."

Others pointed out that mobile signal is poor in parts of Glenscarra and on Inchmurran, making it hard to take a call-back.

The practice says patients can ask to be called on a landline, and that anyone who cannot use the phone system can come to the front desk in person.

## Recruitment

The health board says it is offering a **£15,000 relocation package** and help finding housing for a new GP. Details are at [example.org/health/skerrin-gp](https://example.org/health/skerrin-gp).

The practice's full guide to the changes is at [example.com/harbour-medical/changes](https://example.com/harbour-medical/changes).`,
    categories: ["health-care"],
    daysAgo: 16,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "The 8am scramble is coming to Port Carrick. Set your alarms, everyone.",
      "To be fair to the practice, I used triage last week and got a call back in forty minutes and was seen the same afternoon. It worked well for me.",
      "Phone triage is fine if you have signal. Half of Glenscarra has one bar if you stand on the kitchen table.",
      "Dr Farouk is brilliant. If she says this will help, I'm willing to give it a chance.",
      "£15,000 relocation package won't get you a house on this island. Ask any teacher.",
      "So a remote GP two days a week means a video call with someone who's never been to Skerrin and doesn't know the ferry timetable when they refer you to Caldermouth.",
      "Repeat prescriptions online only is going to be hard for a lot of older folk. My dad doesn't even have email.",
      "Good to hear there's a new nurse practitioner coming. The ANPs are fantastic, often better than a doctor for everyday stuff.",
      "I've been trying to get a non-urgent appointment about my knee for five weeks. Maybe this will actually help people like me.",
      "Why did Dr Strang's replacement never get sorted? He gave two years' notice of retiring.",
      "Can you still walk in and ask at the desk? Some of us prefer talking to a human face.",
      "My experience of triage elsewhere: a receptionist with no medical training asking you to explain your symptoms in front of a full waiting room. Hope it's better than that here.",
      "Landline call-back option is a sensible touch. Credit where due.",
      "The practice staff have been run ragged for a year. Be kind to the receptionists please, they didn't make the rules.",
    ],
    replies: [
      "That's reassuring to hear. Most of the complaints about triage are from people who haven't used it yet.",
      "The paper box in the foyer is still there for prescriptions, so your dad can drop a slip in. It's just the phone ordering that's stopping.",
      "Yes, the article says you can come to the desk in person. The triage is done by the clinicians, not the receptionists.",
      "Two years' notice and they still advertised it too late, from what I heard. Classic.",
      "The remote GP can't refer you anywhere without the practice agreeing, as far as I know. They're more for reviews and results.",
      "Exactly right about the receptionists. They're getting it in the neck for decisions made way above their heads.",
      "One bar if you stand on the table is generous. In our house you have to go out to the gate.",
      "Agree about the ANPs. The one at the hospital sorted my chest infection faster than any GP ever has.",
      "The relocation money is a gesture. Housing is the real problem, same as with carers and teachers.",
      "Five weeks for a knee is not on. Hope you get seen soon.",
      "Triage here is done on the phone by the GPs and ANPs, not at the desk, so at least nobody has to explain their piles in front of the village.",
      "Give it three months and see. If it's a mess, the patient group will be the first to say so.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "glenscarra-bus-route-withdrawn-dial-a-ride",
    headline: "Glenscarra bus withdrawn as operator hands back contract",
    summary:
      "Glenscarra Coaches will stop running the number 4 service around the west of the island at the end of the month. The council is offering a bookable minibus instead.",
    body: `The only scheduled bus serving **Glenscarra** and the crofting townships on the west road will be withdrawn at the end of the month after its operator handed back the contract.

Glenscarra Coaches, a family firm which has run the **number 4** route from Port Carrick via Sandholm and Glenscarra for 22 years, told the council it could no longer operate it at the contracted price. The firm's owner, *Walter Hendry*, said rising fuel and insurance costs and a shortage of drivers had made the route "impossible to run without losing money on every journey".

## What replaces it

The council says it will introduce a *demand-responsive* minibus service from the start of next month. Under the scheme:

- Passengers must book by phone or online **by 4pm the day before** they want to travel.
- The minibus will run between 8am and 6pm, Monday to Saturday.
- Concessionary passes will be accepted as normal.
- School transport is not affected and continues under a separate contract.

Transport convener **Cllr Fraser Nicol** said the minibus could "offer a better service to some people than a fixed bus that runs four times a day".

> "Most journeys on the number 4 were for the same few purposes: the surgery, the shops, the ferry. A bookable service can take you to your door and pick you up again. I'd ask people to give it a fair try."

## Concerns about booking

Not everyone is convinced. *Moira Sutherland*, 81, who lives at Glenscarra and uses the bus twice a week, said: "I don't know on a Monday whether I'll need the doctor on Tuesday. You don't book being ill a day in advance."

Others raised the ferry connection. The number 4 was timed to meet the 7.40am sailing to Caldermouth, which is used by islanders with mainland hospital appointments. The council says the minibus will meet "key ferry sailings" if booked, but could not guarantee a seat.

## A family firm bows out

Walter Hendry said the decision had been "the worst phone call I've ever made". His father started the business with a single second-hand coach in 1979.

"The regulars are like family. I drove the same ladies to the hairdresser every Thursday for fifteen years. I hope the minibus works, I genuinely do."

The firm will continue to run private hire and its school contract.

## How to book

The booking line and an online form will go live next week. Full details, and a consultation on the service after its first three months, are at [example.org/transport/west-minibus](https://example.org/transport/west-minibus).`,
    categories: ["ferries", "council"],
    daysAgo: 18,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "Moira is spot on. You don't book being ill a day in advance. Whoever designed this doesn't use buses.",
      "Walter Hendry and his drivers have been a lifeline for the west side for twenty years. Thank you, genuinely.",
      "Door to door could actually be better for my mum, she struggles to walk to the stop at the end of the road. I'll give it a go.",
      "So the council pays the same money, or less, to a minibus that you have to book the day before. That's a cut dressed up as an improvement.",
      "Does anyone know if the minibus has a wheelchair lift? The number 4 did.",
      "4pm the day before is far too early. Make it 7pm at least so people can book after work.",
      "What about the 7.40 ferry? 'Key sailings if booked' isn't good enough for hospital appointments.",
      "I've used a similar dial-a-bus on the mainland and it was great. Really depends on how it's run.",
      "Driver shortage is the real thing here. Nobody wants to drive a bus for what it pays, and you need a special licence.",
      "So sad to see another family firm give up. Glenscarra Coaches ran our school trips when I was a kid.",
      "Can the minibus take you to Ardvane as well? There's no mention of the east side at all.",
      "Cllr Nicol should try booking it himself and living with it for a month.",
      "Is the online booking going to need an app? Because if it does, a lot of the regulars won't manage.",
      "Honestly the number 4 was half empty most days. I'm not surprised it went.",
    ],
    replies: [
      "Half empty most days but full on Thursdays and for the early ferry. Averages hide a lot.",
      "The council confirmed to me that the minibus is wheelchair accessible with a rear lift.",
      "Phone booking will still be there, you won't need an app. The online form is just an extra option.",
      "Agree on the time. 4pm rules out anyone working until five, which is most people.",
      "Which mainland one did you use? Would be good to know what made it work.",
      "Ha, I'd love to see him book a 7.40 ferry connection at 3.59pm the day before.",
      "It's a fair point about door to door. For some people it will genuinely be better.",
      "You need a D licence and a CPC card. It's not cheap to get and the pay doesn't reflect it.",
      "My dad drove for Glenscarra Coaches in the 90s. He'd be sad to see this.",
      "From the council page it looks like it's west side only for now, with a review after three months.",
      "Whether it's a cut depends on the contract price, which they haven't published. Worth asking.",
      "Thursday ladies to the hairdresser! I bet they'll be first in the queue to book.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "harbour-marina-plan-divides-port-carrick",
    headline: "£6m marina plan for Port Carrick harbour divides fishing and tourism interests",
    summary:
      "The Harbour Trust wants to build 80 pontoon berths for visiting yachts in the inner harbour. Fishermen say it would squeeze them out of the quay they have worked for generations.",
    body: `A £6 million plan to build an 80-berth marina in **Port Carrick's inner harbour** has been published by the Port Carrick Harbour Trust, setting off one of the liveliest debates on the island in years.

The Trust says the marina would bring thousands of visiting yachts a year, create around 15 jobs, and give the harbour an income that could pay for long-overdue repairs to the breakwater.

## The plan

The proposal, which will be submitted to the council as a planning application in the spring, includes:

- **80 floating pontoon berths** in the inner basin, for boats up to 15 metres.
- A new *facilities building* on the site of the old net store, with showers, laundry and a harbour office.
- Moving the fishing fleet's landing area to the **outer quay**, with a new ice plant and fuel point.
- Resurfacing Harbour Street and the fish quay.

Funding would come from a mix of grants, a loan, and the Trust's own reserves.

## The case for

Harbourmaster **Euan Raeburn** said the harbour needed a new source of income "or it will simply fall into the sea, slowly".

> "The breakwater was built in 1887. Every winter we patch it, and every winter the sea takes a bit more. Visiting yachts spend money in the town: in the shops, the Gannet, the Creel Café, the chandlery. This plan pays for the harbour to survive."

Several Harbour Street businesses have backed the plan. The owner of the Creel Café, *Bruno Castellano*, said the yachting season "could add a month at each end of our summer".

## The case against

Local fishermen are far from convinced. *Alan Raeside*, who fishes for prawns and lobster from the *Margaret Ann* with his son, said the outer quay was "exposed and dangerous" in a south-westerly.

"My grandfather landed at the inner quay. So did my father. Now we're to tie up in the worst berth in the harbour so somebody from the mainland can keep his yacht in the best one. It's our harbour. It's a working harbour."

The Skerrin Fishermen's Association says the ice plant and fuel point are welcome but that the Trust has not produced a wave study for the outer quay.

## A wider question

Behind the argument is a bigger question about what kind of town Port Carrick wants to be. Some see the marina as a way of keeping the harbour, and the town, alive. Others fear it will push Port Carrick further towards becoming a summer destination that empties out in October.

## Exhibition

The Trust is holding an exhibition in the Town Hall for two weeks, with drawings and a model of the scheme. The plans and a feedback form are at [example.org/harbour-trust/marina](https://example.org/harbour-trust/marina).`,
    categories: ["council", "community"],
    daysAgo: 20,
    commentsOpen: true,
    commentVolume: "medium",
    topComments: [
      "It's a working harbour. Always has been. The fishing boats should get the best berths, not the weekend sailors.",
      "The breakwater is falling apart and nobody else is offering to pay for it. If the marina saves the harbour, I'm for it.",
      "The model in the Town Hall is lovely. Very shiny. Did anyone notice there are no fishing boats in it at all?",
      "Yachties spend money. I've worked in the Gannet for eight summers and the yacht crews are our best customers by a mile.",
      "Alan Raeside's family have fished out of Port Carrick for longer than anyone on the Harbour Trust board has been alive. Listen to him.",
      "No wave study for the outer quay is a serious omission. Somebody could get hurt.",
      "Fifteen jobs. Where are the fifteen people going to live? Genuine question, not trying to be awkward.",
      "Can we not have both? Put the marina in the outer basin and leave the fishermen where they are?",
      "I'm a sailor myself (small boat, nothing fancy). There's nowhere for visiting boats to tie up on this whole coast. We'd come to Port Carrick far more often.",
      "£6 million of grants and loans and reserves. What happens if the yachts don't come? Who pays the loan back?",
      "This is exactly the kind of thing that happened in other harbours. Ten years later it's all yachts and a 'heritage' fishing boat painted nicely on the slip.",
      "Harbour Street resurfacing is worth it alone. Have you seen the state of it?",
      "Really good balanced article. It's a hard one and you've set out both sides well.",
      "If it goes ahead can the old net store at least keep its name? It's been the net store for 150 years.",
    ],
    replies: [
      "The outer basin is too shallow at low water for pontoons, apparently. That's why they went for the inner one.",
      "Well said. The Raesides ARE Port Carrick harbour.",
      "Some of the 15 jobs would be seasonal and part-time, according to the plans. Which makes the housing question even harder.",
      "The business plan assumes 60% occupancy in summer. I'd like to know where that number came from.",
      "Yacht crews tip well, I'll give them that.",
      "Didn't notice no fishing boats in the model until you said. Now I can't unsee it.",
      "The Fishermen's Association have asked for the wave study to be done before the application goes in. Hope the Trust agrees.",
      "Heritage boat on the slip is exactly the fear. A working harbour is not a museum.",
      "Agree about Harbour Street, I nearly went over on my bike last week.",
      "Nice idea about the name. They should call the new building The Net Store.",
      "Having both would be ideal but it seems like the space just isn't there without moving somebody.",
      "If it saves the breakwater, the fishermen benefit too. Nobody lands anything if the harbour silts up.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "school-meals-switch-to-island-suppliers",
    headline: "School dinners go local as island farms and Dunlop's Bakery win contracts",
    summary:
      "From next term, school meals across Skerrin will use island-reared beef and lamb, Inchmurran eggs and bread from Dunlop's Bakery, under a new council procurement deal.",
    body: `Pupils at every school on Skerrin will soon be eating food grown and made on the island, after the council signed new contracts with **local suppliers** for school meals.

From the start of next term, the council's catering service will buy:

- Beef and lamb from the **Skerrin Livestock Co-operative**, slaughtered and butchered on the island.
- Free-range eggs from *Inchmurran Hens*, a small family farm on Inchmurran.
- Bread and rolls from **Dunlop's Bakery** on Kirk Brae.
- Seasonal vegetables from three growers in Sandholm and Glenscarra, where they can supply enough.

Until now almost all school food was delivered weekly by a mainland wholesaler on the ferry.

## Why the change

Catering manager *Lynne Aitchison* said the idea began with pupils. The Port Carrick High eco-committee wrote to the council two years ago asking why the school's bread was baked "three hundred miles away when there's a bakery at the bottom of the hill".

> "They had a fair point, and nobody could give them a good answer. It's taken a while to get the contracts right, because we have to make sure every supplier can deliver reliably, even when the ferry isn't running. But here we are."

The council says the new contracts cost around **4% more** than the old wholesale deal, but that this is balanced by lower delivery costs and less food wasted when ferries are cancelled.

## Bakery gears up

At Dunlop's Bakery, owner *Stewart Dunlop* said he was taking on a second baker and starting work an hour earlier to meet the order, which amounts to around 600 rolls a day.

"My grandmother started this bakery in 1958. I think she'd be quietly delighted that every child on the island will be eating our bread. She'd also be telling me I'm not charging enough."

## Pupils' verdict

Members of the eco-committee tasted a trial menu last week. Their verdict, delivered to the *Gazette* in writing, was "very good apart from the beetroot".

## What comes next

The council says it hopes to extend the approach to the community hospital kitchen and the Tuesday lunch clubs it supports in Sandholm and Ardvane, if the school contracts work well over the first year. Smaller growers who would like to supply the catering service in future are invited to a briefing at the Town Hall next month.

The new menus will be published at [example.org/schools/menus](https://example.org/schools/menus). Free school meal entitlement is not affected.`,
    categories: ["schools", "community"],
    daysAgo: 25,
    commentsOpen: true,
    commentVolume: "small",
    topComments: [
      "This is the best news I've read in the Gazette all year. Well done to the eco-committee kids!",
      "Very good apart from the beetroot. A review for the ages.",
      "Dunlop's rolls in school? My kids will actually eat their lunch now.",
      "4% more for local food that doesn't get stuck on the mainland when the ferry's off seems like a bargain to me.",
      "Good to see the Inchmurran Hens getting some recognition. Best eggs on the island.",
      "Will vegetarian options still be available? My daughter doesn't eat meat and I'd hate local sourcing to mean fewer choices.",
      "More of this please. Council buying from island businesses keeps money on the island.",
      "600 rolls a day! Stewart will need a bigger oven.",
      "Hopefully the hospital kitchen follows suit. Patient food there could do with some local beef.",
      "Why did it take two years? Genuinely curious what the hold-up was.",
      "The beetroot growers of Sandholm will be devastated.",
      "Really pleased about this. My son says the school pizza is 'basically cardboard' so anything's an improvement.",
    ],
    replies: [
      "The menu on the council site has a veggie option every day, same as before.",
      "Procurement rules, apparently. Every contract has to go out to tender properly even if the supplier is down the road.",
      "He's already bought one, I saw it arriving on the Island Rose on Tuesday.",
      "Absolutely agree about the hospital. Would love to see that next.",
      "Never underestimate the power of a strongly worded letter from a 13-year-old.",
      "The Sandholm beetroot is excellent. The kids just haven't had it roasted properly yet.",
      "Keeping the money on the island is the bit that matters most. Every pound spent locally goes round twice.",
      "Cardboard is generous. My daughter says the old pizza was 'ferry-flavoured'.",
      "Inchmurran Hens are brilliant. Got a dozen from their honesty box last week.",
      "It's a bargain when you think of all the times the wholesaler's lorry didn't make the boat.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "sandholm-memorial-hall-roof-appeal",
    headline: "Sandholm Memorial Hall launches £85,000 appeal to fix storm-damaged roof",
    summary:
      "Hall trustees say the building may have to close next winter unless the roof is repaired. A ceilidh, a sponsored swim and a crowdfunder are planned.",
    body: `Trustees of **Sandholm Memorial Hall** have launched an appeal to raise £85,000 to repair the roof, which was badly damaged in February's storms.

The hall, built by the village in 1921 as a memorial to islanders lost in the First World War, hosts everything from the Sandholm nursery class to the Tuesday lunch club, badminton, the community council, and most of the island's wedding ceilidhs.

## Water in the main hall

Trustee chair *Hugh Lamont* said slates had been lost from the north side of the roof and that water was now getting in above the stage.

> "We've had buckets on the stage since March. The surveyor says we can get through the summer, but another winter like the last one and the ceiling could come down. We're not prepared to let that happen to a building the village built with its own hands."

The trustees have secured a £25,000 grant from the Skerrin Community Wind Fund, leaving **£60,000** still to find.

## How you can help

The trustees have organised:

1. A **fundraising ceilidh** in the hall itself, with the Glenscarra Ceilidh Band, on the last Saturday of the month. Buckets will be moved for the evening.
2. A *sponsored swim* across Sandholm Bay by members of the island's open-water swimming group.
3. An online crowdfunder at [example.org/sandholm-hall/roof](https://example.org/sandholm-hall/roof).
4. A **buy-a-slate** scheme: for £20, your name (or a loved one's) will be written on the underside of a new slate.

## Not just a hall

For many in the west of the island, the hall is much more than a venue. With the school's future uncertain and the village shop now open only in the mornings, Lamont said the hall was "the last place in Sandholm where everyone still meets".

The hall's bookings secretary, *Agnes Reid*, said the trustees were determined not to cancel anything while the appeal runs. "The lunch club carries on, the badminton carries on, the nursery carries on. We just ask folk to mind the buckets."

Cash donations can be handed to any trustee or left in the collection tins at the Anchor Stores and the Sandholm shop. Businesses interested in sponsoring the ceilidh can contact the trustees through the crowdfunder page.

*The Friends of Tullochside public meeting will also be held in the hall next week; the trustees say a donation box will be at the door.*`,
    categories: ["community"],
    daysAgo: 30,
    commentsOpen: true,
    commentVolume: "small",
    topComments: [
      "Bought two slates, one for my granny and one for my granda. They met at a dance in that hall in 1952.",
      "Had my wedding ceilidh there in 1998. The floor was bouncing so much the band had to stop twice. Happy to give something back.",
      "The Tuesday lunch club is the highlight of my dad's week. Donated what I could.",
      "Count me in for the sponsored swim. Sandholm Bay in May is bracing, to put it politely.",
      "£85,000 for a roof. What are they roofing it with, gold?",
      "Old stone building, slate roof, access scaffolding on a hill in a gale. It's honestly not that unreasonable.",
      "Can businesses sponsor? I run a small firm in Port Carrick and would like to chip in properly.",
      "The Glenscarra Ceilidh Band at the hall is a guaranteed brilliant night. Buckets or no buckets.",
      "Good to see the community wind fund being used for something like this. That's exactly what it's for.",
      "Where's the council in all of this? It's a memorial to islanders, surely there's some heritage money somewhere.",
      "Donated. This hall hosted my 40th, my daughter's christening party and my dad's wake. It has to stay.",
      "Is there a way to donate without using the online page? My mum wants to give but doesn't do computers.",
    ],
    replies: [
      "That sprung floor is the best dance floor on the island. Whatever they do to the roof, don't let them touch the floor.",
      "That's such a lovely thing to do. 1952, what a thought.",
      "The Anchor Stores and the Sandholm shop both have collection tins, and you can hand cash to any trustee.",
      "Roofing quotes on the island are brutal. Everything has to come over on the ferry, including the scaffolders.",
      "The trustees have a business sponsorship pack, ask Hugh Lamont. They'll put your name on the programme for the ceilidh.",
      "The council gave the hall a grant for the kitchen in 2018 but says there's nothing in the pot this year.",
      "I've swum the bay in May. Bracing is the politest word for it. Good luck!",
      "The wind fund has paid for so much round here. Best thing the island ever did.",
      "Same here, every big moment in our family has happened in that hall.",
      "See you at the ceilidh! Bring your dancing shoes and maybe wellies.",
    ],
  },
  // ─────────────────────────────────────────────────────────────────────────
  {
    slug: "tribute-captain-hector-lyall-former-harbourmaster",
    headline: "Tribute: Captain Hector Lyall, Port Carrick harbourmaster for 31 years",
    summary:
      "Captain Hector Lyall, who ran Port Carrick harbour through storms, strikes and the coming of the car ferry, has died aged 88. Family and friends remember him.",
    body: `Captain **Hector Lyall**, harbourmaster of Port Carrick for 31 years, has died peacefully at home on Kirk Brae. He was 88.

Born in a house overlooking the fish quay, Hector went to sea at 16 as a deckhand on a coal puffer and came home twenty years later with a master's ticket and, in his own words, "a great many opinions about weather". He was appointed harbourmaster in 1972 and held the post until his retirement in 2003.

## A harbour through change

Hector's years at the harbour spanned enormous change for the island. He oversaw the building of the **linkspan** that brought the first roll-on roll-off car ferry to Port Carrick, a day he described as "the end of hauling cars aboard in a sling, and thank the Lord for it".

He was harbourmaster through the great storm of 1989, when he spent three nights in the harbour office co-ordinating the moving of boats to shelter in Sandholm Bay. Fishermen who were there still speak of it.

> "He never raised his voice, and you never once doubted him," said his successor, current harbourmaster Euan Raeburn. "I learned more standing beside Hector on the quay for a winter than I did in years at college."

## Beyond the harbour

Outside work, Hector was:

- A **lifeboat crew member** for 19 years, and later the station's honorary secretary.
- A founding member of the *Port Carrick Gala committee*.
- An elder of the kirk for more than four decades.
- A reluctant but fearsome quiz contestant at the Gannet Inn.

He married *Isobel Fraser*, a teacher at Ardvane Primary, in 1961. She died in 2015. He is survived by their three children, seven grandchildren and four great-grandchildren, and by a harbour full of people who learned their trade from him.

## Funeral arrangements

A service of thanksgiving will be held at Port Carrick Parish Church next Friday at 1pm, followed by interment at Ardvane cemetery. All are welcome. The family has asked that, instead of flowers, donations be made to the Port Carrick lifeboat at [example.org/lifeboat/donate](https://example.org/lifeboat/donate).

*The harbour flag will fly at half mast until the day of the funeral.*`,
    categories: ["community"],
    daysAgo: 38,
    commentsOpen: true,
    commentVolume: "none",
    topComments: [],
    replies: [],
  },
];

// ───────────────────────────────────────────────────────────────────────────
// Generic comment material, combined deterministically to build very long
// threads. Each item should make sense on almost any civic story.
// ───────────────────────────────────────────────────────────────────────────

export const genericOpeners: string[] = [
  "Every decision about this island seems to get made by people who've never had to wait for the 7.40 in a south-westerly.",
  "I've lived in Port Carrick for 40 years and I honestly can't remember a time when the council was this stretched.",
  "Would love to see the actual numbers behind this rather than just the headline figure.",
  "The people doing the work on the ground are doing their best. It's the system above them that's broken.",
  "Has anyone asked the folk in the villages? It always feels like Port Carrick gets consulted and everyone else gets told.",
  "This comes down to housing, like everything else on Skerrin. No homes, no workers, no services.",
  "I'm not against change. I'm against change that's done to us rather than with us.",
  "Went to the public meeting. Forty people in the room, one councillor, and no answers to the questions that mattered.",
  "We keep being told there's no money. There always seems to be money for consultants' reports though.",
  "Be honest, how many of the people complaining here actually responded to the consultation?",
  "I moved here six years ago and I love this place, but it's getting harder to make the case for staying.",
  "The ferry is behind every single one of these stories if you look closely enough.",
  "Whatever you think of the decision, the people who work in these services deserve our thanks, not our anger.",
  "I'd genuinely like to hear from someone who supports this. What am I missing?",
  "This island runs on volunteers and goodwill, and both are running out.",
  "Credit to the Gazette for actually reporting this properly. The mainland papers wouldn't touch it.",
  "My granny used to say the island survives by looking after its own. I'm not sure we're doing that any more.",
  "It's easy to shout on here. It's harder to stand for council. Maybe more of us should.",
  "There's a lot of 'they' in these comments. We elected 'them'. We can un-elect them too.",
  "Am I the only one who thinks this is actually a sensible compromise?",
  "Nobody ever sets out to run down a service. It happens one small cut at a time, and each cut sounds reasonable on its own.",
  "I sat through the whole webcast of the meeting. Three hours. Honestly worth watching if you want to see how the sausage is made.",
  "Small islands need different rules from mainland towns. Until the people making rules understand that, we'll keep having these arguments.",
  "What worries me most is the young people. What is there to keep them here?",
  "I'll say it gently: some of the anger in this thread would be better aimed at the government than at our own councillors.",
  "Posting this from the Anchor Stores car park because it's the only place I get a signal. Which rather says it all.",
  "Could the council publish a simple one-page summary of things like this? The full reports are 90 pages of jargon.",
  "Not everything the council does is bad. The new lights on the pier road are great, for example. Just saying.",
  "Whenever we're told something is 'temporary' on this island, I start counting in decades.",
  "The question nobody has answered yet: what happens in ten years' time if we carry on like this?",
  "We had a community council meeting about this last month. Eleven people came. Everybody cares until it's a Tuesday night.",
  "The older folk on this island built everything we have. We owe them more than a leaflet and a helpline number.",
  "Sometimes I think Skerrin is the best place in the world to live and sometimes I think it's the hardest. Today it's both.",
  "Can someone explain in plain English what the council can and can't actually do about this?",
  "Honestly impressed by how civil this thread is compared with the Facebook group.",
  "There's a difference between a saving and a cut. A saving is when you spend less and get the same. This isn't that.",
  "As someone who works for the council (not in this department), I can tell you the staff are as frustrated as anyone.",
  "It feels like every winter we lose something and every summer we're told it'll be sorted by next winter.",
  "The village halls, the lifeboat, the gala, the shop committees: none of it is paid for by the council and all of it keeps us going.",
  "Would love to know what our MSP thinks about this. Has anyone written to them?",
  "I understand the logic. I just don't think the logic was written by anyone who lives here.",
  "You can tell how much something matters on Skerrin by how many comments it gets. This one matters.",
  "Genuine question for anyone who knows: is there any other island that has solved this well?",
  "The people deciding this will mostly be fine whatever happens. It's always the folk at the edges who pay.",
  "Every time there's a problem we get a 'drop-in session'. I'd like to drop in on a solution for once.",
  "Fair play to the councillors who voted against. It's not an easy thing to go against your own group.",
  "This affects the west side far more than the town, and the west side has the fewest people to shout about it.",
  "I was in the Creel Café this morning and this was all anyone was talking about.",
  "Wish the Gazette would run a follow-up in six months to see whether any of the promises were kept.",
  "Something the island has always been good at is pulling together. We'll need to do it again.",
  "Every single councillor should spend one week using the services they're voting on. Bus, ferry, surgery, the lot.",
  "I don't think there are any villains here. Just a lot of people trying to make too little money go too far.",
  "The word 'sustainable' appears 14 times in the report. I counted. Not once does it say sustainable for whom.",
  "We've had this exact argument at least three times since I moved here. Different decade, same problem.",
  "Is there anything practical ordinary folk can do, apart from complain on here? Happy to help.",
  "Remember this when the leaflets come through the door before the next election.",
  "My kids are the fifth generation of our family on this island. I'd like there to be a sixth.",
  "I'm old enough to remember when we had two doctors, a resident dentist and a ferry every two hours. It's not nostalgia, it's arithmetic.",
  "Honestly, sometimes the best thing about Skerrin is the way people argue about it. It means we still care.",
  "If you think this is bad, look at what's happened to the Inchmurran folk over the last few years.",
  "Good to see younger people getting involved in this discussion. We need your voices.",
  "The trouble with a small island is that everyone knows everyone, so nobody wants to say what they really think in public.",
  "Read the report. All of it. It's not as one-sided as the headline makes it sound.",
  "This isn't a Port Carrick issue or a Sandholm issue. It's a Skerrin issue.",
  "I'm not angry, I'm just tired. Tired of fighting for the same things every few years.",
];

export const genericReplies: string[] = [
  "I see your point, but the alternative on the table was worse. We'd have lost the service completely within two years.",
  "I agree with most of that. Where I'd differ is on who's to blame: it's the funding formula, not the people trying to live within it.",
  "That's fair, but I think you're underestimating how much the staff shortage drives all this. Money alone won't fix it.",
  "With respect, that's not quite what the report says. Worth reading section 4 before drawing conclusions.",
  "You're not wrong, but shouting at councillors on here won't change it. Writing to them, going to meetings and voting will.",
  "Good point, and one I hadn't thought about. The knock-on effect on the villages is easy to miss from town.",
  "I used to think that too, until my own family needed the service. It looks very different from the inside.",
  "Totally agree. And it's not just this story, the same pattern repeats across every department.",
  "I hear you, but I'd rather an honest decision I disagree with than a fudge that collapses next winter.",
  "Could you say a bit more about that? I'm genuinely trying to understand both sides.",
  "That's exactly what I said at the public meeting. Nobody had an answer for it then either.",
  "Fair enough, but the numbers don't lie. Fewer people, higher costs, same grant. Something has to give.",
  "I'm not sure that's true for everyone. It depends a lot on where on the island you live.",
  "Respectfully disagree. The consultation was flawed, but the underlying problem is real and someone had to act.",
  "This. A hundred times this.",
  "You've hit the nail on the head about housing. It's the root of nearly every problem we discuss here.",
  "Not quite. The council did try the alternative a few years back and it fell apart because nobody came forward to run it.",
  "I see where you're coming from, but a lot of people on the west side would say the opposite.",
  "Same experience here. It's not a one-off, it's the norm now.",
  "Let's be careful not to blame the front-line staff. They're the ones holding it together.",
  "I understand the frustration, but I do think this decision was made in good faith, even if it was the wrong one.",
  "That's a really helpful way of putting it. Wish the council's own paper had been that clear.",
  "I'd push back a bit on that. Tourism isn't the enemy, it's unmanaged tourism that causes the problems.",
  "Have you raised this with the community council? They've had some success getting officers to listen lately.",
  "Agreed, and the fact it's the same problem every decade suggests the 'solutions' never address the cause.",
  "It's easy to say that now. At the time, everyone was in favour.",
  "You're right that it was handled badly. But badly handled and wrong aren't the same thing.",
  "I think we're actually closer in view than it seems. We both want the service to survive, we just disagree on how.",
  "Would be really interested to see evidence for that. Not saying you're wrong, I just haven't seen the figures.",
  "That's a fair challenge, and I don't have a good answer to it. Maybe nobody does.",
  "Honestly, I've gone back and forth on this one. Your comment has made me think again.",
  "Small correction: it's the health board, not the council, that controls that budget. Doesn't change the outcome, but it matters for who to write to.",
  "I was there too and that's not how I remember it. The officers did answer, just not in a way anyone liked.",
  "The trouble is, 'just find the money' isn't a plan. Find it from where? Schools? Roads? Care?",
  "I'll give you that one. The communication has been dreadful from start to finish.",
  "Yes, and anyone who's lived through a winter out west knows it.",
  "I'd love to believe that, but we've been promised a review before and it never happened.",
  "Thank you for saying this calmly. It's a lot easier to have a real conversation when nobody's shouting.",
  "Not everyone has family nearby to fill the gap. That's the bit that keeps getting left out.",
  "Good question. From what I've read, the answer is 'nobody knows yet', which isn't reassuring.",
  "I take the point, but you can't compare us to a mainland town. The distances and the ferry change everything.",
  "That's one way of looking at it. Another is that we've been subsidising a failing model for years and putting off the hard choice.",
  "Both things can be true at once: the decision is understandable and the consequences are awful.",
  "If you feel that strongly, stand for the community council. There are two vacancies right now.",
  "I agree it's not ideal. But I'd ask: what's your alternative, and who pays for it?",
  "Exactly what happened with the old school house. Promised for community use, ended up on a booking site.",
  "My experience was the opposite, to be fair. Staff were helpful and things got sorted quickly.",
  "I think you're right that it'll be the villages that feel it first.",
  "The volunteers are amazing, but you can't run a vital service on goodwill forever. People burn out.",
  "Worth remembering the staff involved read these comments too. Most of them live here.",
  "Well said. Criticise the decision, not the people carrying it out.",
  "I'm not sure the Gazette has all the detail yet. Might be worth waiting for the full report before we all decide.",
  "That's a slightly unfair characterisation. The councillors I know on both sides work very hard for not much thanks.",
  "Ha, yes. The island's unofficial motto: 'It'll be fixed by the spring.'",
  "Genuinely, thank you for sharing that. It's easy to forget there are real people behind the numbers.",
  "Same worry here. My two are teenagers and both already talk about leaving.",
  "I'd add one thing: the mainland gets a say in all this through funding, but they never have to live with the result.",
  "That's a good idea, and cheap too. Someone should put it to the council formally.",
  "Hard to argue with that, though I'm sure someone will try.",
  "I agree with your conclusion but not your reasoning. It's not about cost, it's about who the service is designed for.",
  "Fair play for changing your mind in public. Doesn't happen often enough on here.",
  "I was against it at first too. Having seen how it's worked elsewhere, I'm more open to it now.",
  "If it helps, the minutes from that meeting are online. The vote breakdown is on the last page.",
  "You might be right, but I'd still rather we tried something than kept doing nothing.",
  "Sadly, I think this is the real answer and everyone knows it but nobody will say it at a meeting.",
];

export const commentMarkdownExtras: string[] = [
  "> We will not close any service without a safe alternative in place.\n\nThat's a direct quote from the council's own press release two years ago. Worth keeping a copy.",
  "For anyone who hasn't read the paper, the key points are:\n\n- the saving is *estimated*, not guaranteed\n- the timetable is **very** tight\n- there is no plan B if recruitment fails\n\nMake of that what you will.",
  "Minutes from the meeting are here: https://example.org/minutes\n\nThe vote is on page 11. Item 7 is where it gets *interesting*.",
  "> Three days a week is not a lifeline, it's a rumour.\n\nBest line I've read all year. Should be on a T-shirt.",
  "If you want to check the figures yourself, the spreadsheet on the council site has a column called `net_saving_after_transport`. It's a lot smaller than the headline number.",
  "Things I'd like the council to answer, in order:\n\n1. Who was actually consulted?\n2. What happens if the savings don't appear?\n3. When is the review, and will it be public?",
  "Just a reminder that *anyone* can ask a question at full council if you submit it in advance. Details: https://example.org/council/public-questions",
  "> The island survives by looking after its own.\n\nMy granny said the same. **She was right**, and we're forgetting it.",
  "The timetable page literally shows `Service suspended – see notices` for half the week. You couldn't make it up.",
  "Quick summary for anyone just joining the thread:\n\n- *For*: saves money, service is already struggling\n- *Against*: the alternative doesn't exist yet\n- *Undecided*: about half of us, judging by this thread",
  "Reading the consultation document I found this gem:\n\n> Impact on rural communities: *not assessed at this stage*.\n\nWell, there we go then.",
  "For those asking how to respond: go to https://example.org/consultations, pick the right one, and **put your postcode in** so they know you're an islander. Responses without one apparently get counted separately.",
  "Pro tip: if you search the agenda PDF for `Appendix C` you'll find the bit they didn't read out at the meeting. It's *quite* revealing.",
];

// ───────────────────────────────────────────────────────────────────────────
// Terms of posting and the About page
// ───────────────────────────────────────────────────────────────────────────

export interface TermsRule {
  number: number;
  title: string;
  body: string;
}

export const termsIntro: string = `**Terms of posting, version 2.1.** These rules apply to every comment and reply on The Skerrin Gazette. They exist so that people who disagree strongly, and on an island of our size that often means neighbours, can keep talking to each other.

Most comments appear as soon as they are posted; the section *When a comment waits for a moderator*, below the rules, says which do not. Our moderators read reported comments first and check the busiest threads throughout the day. If a comment breaks these rules we may hide it, edit out a specific problem (we will always say when we have done so), or close a thread. Repeated or serious breaches can lead to a temporary or permanent suspension of your account.

If you think we have got a moderation decision wrong, write to the editor, as *How to appeal a decision* below the rules explains. A different member of staff from the one who made the original decision will review it, normally within three working days, and we will tell you the outcome.`;

export const termsOfPosting: TermsRule[] = [
  {
    number: 1,
    title: "Be civil",
    body: "Argue as hard as you like about ideas, decisions and evidence, but treat the people you are arguing with as neighbours. Sarcasm and strong language aimed at another commenter will usually be removed.",
  },
  {
    number: 2,
    title: "No hate",
    body: "We do not allow comments that attack or demean people because of their race, ethnicity, nationality, religion, sex, gender identity, sexual orientation, disability or age. This includes 'jokes' and coded language.",
  },
  {
    number: 3,
    title: "No personal attacks",
    body: "Criticise what someone said or did in public, not who they are. Councillors, officials and staff are fair subjects for criticism of their decisions; their families, appearance and private lives are not.",
  },
  {
    number: 4,
    title: "Keep personal information private",
    body: "Do not post anyone's address, phone number, workplace, car registration or other details that could identify or locate them, including your own. On a small island this matters more than most places.",
  },
  {
    number: 5,
    title: "No spam or advertising",
    body: "Do not use comments to sell things, promote a business or repeat the same message across stories. Mentioning a local event or service where it genuinely helps the discussion is fine.",
  },
  {
    number: 6,
    title: "Stay on topic",
    body: "Keep comments relevant to the story or the discussion under it. Long-running arguments from other threads, or from elsewhere online, belong somewhere else.",
  },
  {
    number: 7,
    title: "Don't present rumour as fact",
    body: "Share what you know and say how you know it. Claims that are likely to mislead, especially about health, safety or emergencies, may be removed or labelled, and we may add a note pointing to reliable information.",
  },
  {
    number: 8,
    title: "No impersonation",
    body: "Post as yourself. Do not pretend to be another person, a councillor, a member of our staff or an organisation, and do not run more than one account to make it look as if more people agree with you.",
  },
  {
    number: 9,
    title: "Respect the law",
    body: "Do not post anything defamatory, and do not comment on people who have been arrested or charged while a case is active, because this can prejudice a fair trial. We close comments on court stories for that reason, and we will remove anything that puts us or you at legal risk.",
  },
  {
    number: 10,
    title: "Moderators have the final word in the thread",
    body: "If a moderator asks a thread to calm down or move on, please do. If you disagree with a decision, use the appeal route rather than arguing about it in the comments.",
  },
];

export const aboutPage: string = `## About The Skerrin Gazette

**The Skerrin Gazette** is an independent, reader-supported news site for Port Carrick and the whole of the Isle of Skerrin, from Ardvane to Glenscarra and across the water to Inchmurran. We are a small team: two reporters, an editor, a part-time moderator and a lot of people who tell us things over the counter at the Anchor Stores.

We cover the stories that shape island life. That means council decisions and budgets, schools, ferries and buses, housing, health and social care, and the clubs, halls and events that keep our communities going. We go to the meetings so you don't have to, we read the reports right to the back page, and when we can't get an answer we say so.

## Why comments matter here

On an island of a few thousand people, the people affected by a decision are often sitting a few seats away from the people who made it. We think that's a strength. Our comment threads are a place for islanders to argue, explain, correct us, share what they know and ask questions of each other.

Threads are *threaded*: you can reply to a particular comment, and long conversations can be collapsed so you can follow the bit that interests you. You can sort by newest, oldest or most-replied, and on very busy stories the thread loads in pages so it stays quick on a slow island connection.

## How we keep it civil

Everyone who comments agrees to our [terms of posting](/terms). Most comments appear straight away (the [terms](/terms#review) say which wait for a moderator first), and any reader can report a comment they think breaks the rules. Our moderators review reports every day, and we explain our decisions. Sometimes we close comments, for example on court cases, and we always say why.

## Get in touch

Got a story, a correction or a complaint? Email the news desk at news@example.org, or find us above the chandlery on Harbour Street, Port Carrick. We're usually in, unless the ferry's off.

*The Skerrin Gazette runs on Parley, open-source software for local news and discussion.*`;
