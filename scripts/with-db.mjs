// Runs one command against the app's database: DATABASE_URL when set, otherwise the embedded one
// (started for the command and stopped after). Example: npm run prisma -- migrate status
import "dotenv/config";
import { startLocalDatabase } from "./lib/local-env.mjs";
import { run } from "./lib/run.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/with-db.mjs <command from node_modules/.bin> [args…]");
  process.exit(2);
}

const stop = await startLocalDatabase();

let code = 0;
try {
  await run(command, args);
} catch (error) {
  console.error(error.message);
  code = 1;
}
await stop();
process.exit(code);
