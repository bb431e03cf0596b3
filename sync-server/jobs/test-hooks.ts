import type { Logger } from '../log';
import type { PublishHooks } from '../services/context';

/**
 * TEST ONLY: with NODE_ENV=test, `RUNGS_TEST_PUBLISH_STALL_MS` makes every publish wait that long inside its
 * transaction, right after the version row is written (so a test can kill the server mid-publish). Ignored otherwise.
 */
export function testPublishHooks(env: NodeJS.ProcessEnv, logger: Logger): PublishHooks | undefined {
  if (env.NODE_ENV !== 'test') return undefined;
  const ms = Number(env.RUNGS_TEST_PUBLISH_STALL_MS);
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return {
    afterVersionInsert: async () => {
      logger.info('test hook: publish stalled', { ms });
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
  };
}
