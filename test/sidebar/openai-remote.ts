/** Starts test/sidebar/openai-process.ts and drives it: queue answers, read the requests, stop it. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedRequest, Scripted } from '../ai/openai-standin';
import { ROOT } from '../cli/run-rungs';

export interface RemoteOpenAi {
  baseUrl: string;
  script(...answers: Scripted[]): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

export async function startRemoteOpenAi(): Promise<RemoteOpenAi> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/sidebar/openai-process.ts')], { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then(() => reject(new Error(`the OpenAI stand-in process exited: ${stderr}`)));
  });
  const { baseUrl, controlUrl } = JSON.parse(first) as { baseUrl: string; controlUrl: string };
  return {
    baseUrl,
    async script(...answers) {
      const res = await fetch(`${controlUrl}/script`, { method: 'POST', body: JSON.stringify(answers) });
      if (!res.ok) throw new Error(`stand-in control answered ${res.status}`);
    },
    requests: async () => (await (await fetch(`${controlUrl}/requests`)).json()) as RecordedRequest[],
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
