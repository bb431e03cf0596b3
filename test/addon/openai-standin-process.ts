/**
 * The OpenAI-compatible stand-in (test/ai/openai-standin.ts) in its own process, for tests whose thread blocks in
 * the fake UrlFetchApp while the sync server calls the model. argv[2]: the answer to give every call, as JSON
 * (a `Scripted`). Prints the base URL on its first line; stops on SIGTERM.
 */
import { startOpenAiStandIn, type Scripted } from '../ai/openai-standin';

const answer = JSON.parse(process.argv[2] ?? '{"kind":"server-error"}') as Scripted;
const standIn = await startOpenAiStandIn(answer);
console.log(standIn.baseUrl);
process.on('SIGTERM', () => void standIn.close().then(() => process.exit(0)));
