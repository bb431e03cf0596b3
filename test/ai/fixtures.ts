/** Canned model answers shaped like the schemas of shared/ai/schemas.ts. */
export const FIVE_COMPETENCIES = {
  competencies: [
    { id: 'ENG-10', name: 'Debugging', description: 'Finds root causes', dependsOn: ['E1'] },
    { id: 'ENG-11', name: 'Testing', description: null, dependsOn: [] },
    { id: 'ENG-12', name: 'Code review', description: 'Reviews for clarity', dependsOn: ['E1'] },
    { id: 'ENG-13', name: 'Observability', description: null, dependsOn: [] },
    { id: 'ENG-14', name: 'Performance', description: null, dependsOn: ['E2'] },
  ],
};

export const E2_ROW = { expectations: { L1: 'Explains the design of a component', L2: 'Designs a component', L3: 'Designs a system' } };
