// The production entry: `node dist/server/main.js` once built (`npm run build`), or `npm start` from the sources.
import { runServerProcess } from './server-process';

await runServerProcess();
