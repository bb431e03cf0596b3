/** F6, the pure part: prompts, output schemas, proposal shapes and the "only where still blank or unchanged" merge. */
export * from './proposal';
export { applyProposal, type ApplyResult } from './apply';
export * from './prompts';
export * from './schemas';
export { competenciesTask, levelsTask } from './competencies';
export { matrixTasks, rubricTasks } from './matrix';
export { task, GenerationInputError, type GenerationTask, type TaskSpec } from './task';
