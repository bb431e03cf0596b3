import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../log';
import type { ServiceContext } from '../services/context';
import { claimJobs, completeJob, failJob, renewLease, type Job } from '../services/jobs';

/** Runs one job; throwing fails the attempt (retried with backoff until its attempts are used up). */
export type JobHandler = (job: Job) => Promise<void>;

/** Handlers by queue name: the worker claims only from the queues it has a handler for. */
export type HandlerRegistry = Readonly<Record<string, JobHandler>>;

export interface WorkerOptions {
  ctx: ServiceContext;
  handlers: HandlerRegistry;
  /** This worker's name in the queue's locks; default a random id. */
  name?: string;
  /** Wait between polls when no queue had a due job. */
  pollMs?: number;
  /** How long a claimed job is held; renewed every third of it while the handler runs. */
  leaseMs?: number;
  /** Delay before the next attempt after a failed one (attempt = the attempt that failed, from 1). */
  backoffMs?: (attempt: number) => number;
  logger?: Logger;
}

export interface Worker {
  readonly name: string;
  /** Lets the running job finish, then stops; resolves once the loop has ended. */
  stop(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Starts a loop that claims due jobs from the queue (services/jobs.ts) and runs their handlers, one at a time. */
export function startWorker(o: WorkerOptions): Worker {
  const name = o.name ?? `worker-${randomUUID()}`;
  const pollMs = o.pollMs ?? 1000;
  const leaseMs = o.leaseMs ?? 60_000;
  const backoff = o.backoffMs ?? ((attempt: number) => 1000 * 2 ** attempt);
  const logger = o.logger ?? silentLogger;
  const queues = Object.keys(o.handlers);
  let stopping = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = undefined; resolve(); };
  });

  async function run(job: Job, handler: JobHandler): Promise<void> {
    const renew = setInterval(() => {
      renewLease(o.ctx, job.id, name, leaseMs).catch((e: unknown) => logger.error('job lease renewal failed', { jobId: job.id, error: message(e) }));
    }, Math.max(Math.floor(leaseMs / 3), 10));
    try {
      await handler(job);
      clearInterval(renew);
      if (!(await completeJob(o.ctx, job.id, name))) logger.error('job finished after its lease was lost', { jobId: job.id, queue: job.queue });
    } catch (e) {
      clearInterval(renew);
      const outcome = await failJob(o.ctx, job.id, name, message(e), backoff(job.attempt));
      logger.error('job failed', { jobId: job.id, queue: job.queue, attempt: job.attempt, outcome, error: message(e) });
    }
  }

  /** Claims and runs at most one job per queue; whether any ran. */
  async function round(): Promise<boolean> {
    let ran = false;
    for (const queue of queues) {
      if (stopping) break;
      const [job] = await claimJobs(o.ctx, { queue, worker: name, limit: 1, leaseMs });
      if (!job) continue;
      ran = true;
      await run(job, o.handlers[queue]);
    }
    return ran;
  }

  const loop = (async () => {
    while (!stopping) {
      let ran = false;
      try {
        ran = await round();
      } catch (e) {
        logger.error('job worker round failed', { error: message(e) });
      }
      if (!ran && !stopping) await sleep(pollMs);
    }
  })();

  return {
    name,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
