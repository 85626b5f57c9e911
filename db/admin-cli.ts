import { parseArgs } from "node:util";
import { z } from "zod";
import { hashPassword } from "../app/auth/password.server";
import { createUser, getUserByEmail, setUserRole } from "../app/models/user.server";
import { displayNameRefusal } from "../app/models/account/names.server";
import { displayNameProblem } from "../app/models/account/rules.server";
import { createDatabase } from "./database";
import { migrateToLatest } from "./migrate";
import { ROLES } from "./schema";

const USAGE = `Usage:
  npm run admin -- user:create --email E --password P --name "N" --role resident|editor|moderator|admin
  npm run admin -- user:role --email E --role resident|editor|moderator|admin`;

class UsageError extends Error {}

const email = z.string().trim().toLowerCase().email("--email must be an email address");
const role = z.enum(ROLES, { message: `--role must be one of ${ROLES.join(", ")}` });

const createArgs = z.object({
  email,
  password: z.string().min(10, "--password must be at least 10 characters"),
  name: z.string().trim().min(2, "--name must be 2 to 40 characters").max(40, "--name must be 2 to 40 characters"),
  role,
});
const roleArgs = z.object({ email, role });

function parse<T>(schema: z.ZodType<T>, values: unknown): T {
  const result = schema.safeParse(values);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join("\n"));
  return result.data;
}

async function main(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (command !== "user:create" && command !== "user:role") {
    throw new UsageError(command ? `Unknown command "${command}".` : "No command given.");
  }

  const db = createDatabase();
  try {
    await migrateToLatest(db);
    if (command === "user:create") {
      const input = parse(createArgs, values);
      if (await getUserByEmail(db, input.email)) throw new UsageError(`There is already an account for ${input.email}.`);
      // An operator's accounts meet the same name rules as anyone's, those of the role they are given.
      const nameProblem = displayNameProblem(input.name) ?? (await displayNameRefusal(db, input.name, { role: input.role }));
      if (nameProblem) throw new UsageError(`The display name "${input.name}" cannot be used: ${nameProblem}`);
      // Accounts made by an operator count as verified: the operator vouches for the address.
      const user = await createUser(db, {
        email: input.email,
        displayName: input.name,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        emailVerified: true,
      });
      return `Created ${user.role} ${user.display_name} <${user.email}> (id ${user.id}).`;
    }
    const input = parse(roleArgs, values);
    const user = await getUserByEmail(db, input.email);
    if (!user) throw new UsageError(`There is no account for ${input.email}.`);
    await setUserRole(db, user.id, input.role);
    return `${user.display_name} <${user.email}> is now ${input.role}.`;
  } finally {
    await db.destroy();
  }
}

try {
  console.log(await main(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`The command failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
