import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../log';
import type { ServiceContext } from '../services/context';
import { claimJobs, completeJob, failJob, JOB_LEASE_MS, releaseJob, renewLease, type Job } from '../services/jobs';
import { isDatabaseUnavailable, reasonOf } from '../storage/availability';

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
  /**
   * Lets the running job finish, then stops; resolves once the loop has ended. A job still running after
   * `graceMs` is handed back to the queue (another instance, or the next start, runs it again).
   */
  stop(graceMs?: number): Promise<void>;
}

/** While the database is down the worker polls less and less often, up to this. */
const MAX_IDLE_MS = 10_000;

/** Starts a loop that claims due jobs from the queue (services/jobs.ts) and runs their handlers, one at a time. */
export function startWorker(o: WorkerOptions): Worker {
  const name = o.name ?? `worker-${randomUUID()}`;
  const pollMs = o.pollMs ?? 1000;
  const leaseMs = o.leaseMs ?? JOB_LEASE_MS;
  const backoff = o.backoffMs ?? ((attempt: number) => 1000 * 2 ** attempt);
  const logger = o.logger ?? silentLogger;
  const queues = Object.keys(o.handlers);
  let stopping = false;
  let running: Job | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { wake = undefined; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = undefined; resolve(); };
  });

  async function run(job: Job, handler: JobHandler): Promise<void> {
    const renew = setInterval(() => {
      renewLease(o.ctx, job.id, name, leaseMs).catch((e: unknown) => logger.error('job lease renewal failed', { jobId: job.id, error: reasonOf(e) }));
    }, Math.max(Math.floor(leaseMs / 3), 10));
    running = job;
    try {
      await handler(job);
      clearInterval(renew);
      if (!(await completeJob(o.ctx, job.id, name))) logger.error('job finished after its lease was lost', { jobId: job.id, queue: job.queue });
    } catch (e) {
      clearInterval(renew);
      const outcome = await failJob(o.ctx, job.id, name, reasonOf(e), backoff(job.attempt));
      logger.error('job failed', { jobId: job.id, queue: job.queue, attempt: job.attempt, outcome, error: reasonOf(e) });
    } finally {
      running = undefined;
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
    let failures = 0;
    let paused = false;
    while (!stopping) {
      let ran = false;
      try {
        ran = await round();
        if (paused) logger.info('job worker resumed: the database answers again');
        paused = false;
        failures = 0;
      } catch (e) {
        failures++;
        if (!isDatabaseUnavailable(e)) logger.error('job worker round failed', { error: reasonOf(e) });
        else if (!paused) logger.error('job worker paused: the database cannot be reached', { error: reasonOf(e) });
        paused ||= isDatabaseUnavailable(e);
      }
      if (!ran && !stopping) await sleep(Math.min(pollMs * 2 ** failures, Math.max(MAX_IDLE_MS, pollMs)));
    }
  })();

  return {
    name,
    async stop(graceMs = Infinity) {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((done) => { if (Number.isFinite(graceMs)) timer = setTimeout(() => done('late'), graceMs); });
      const outcome = await Promise.race([loop.then(() => 'done' as const), late]);
      clearTimeout(timer);
      const job = running;
      if (outcome === 'late' && job) {
        const released = await releaseJob(o.ctx, job.id, name).catch(() => false);
        logger.error('job still running at stop: handed back to the queue', { jobId: job.id, queue: job.queue, released });
      }
    },
  };
}
