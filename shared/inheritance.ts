/** Inheritance (F4): employee -> position -> (Active track, level) -> expectations, and what the next level changes. */
export {
  createInheritanceIndex, expectationsForEmployee, expectationsForPosition, type InheritanceIndex,
} from './inheritance/expectations';
export { createPlacementIndex, placeEmployee, placePosition, type Placement, type PlacementIndex, type PlacementResult } from './inheritance/placement';
export * from './inheritance/schema';
