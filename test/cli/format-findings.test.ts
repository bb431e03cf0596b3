import { expect, test } from 'vitest';
import { error, warning } from '../../shared';
import { formatFindings } from '../../sync-server/cli/format-findings';

test('findings are grouped by sheet in aligned columns, then counted', () => {
  const text = formatFindings(
    [
      error('Tracks', 'B7', 'duplicate-id', 'Track id "ENG" appears twice.'),
      warning('Tracks', 'F12', 'review-overdue', 'Review date passed.'),
      error('Matrix ENG', 'A1', 'missing-header', 'No Competency ID column.'),
    ],
    5,
  );
  expect(text).toBe(
    [
      'Tracks',
      '  B7   error    duplicate-id    Track id "ENG" appears twice.',
      '  F12  warning  review-overdue  Review date passed.',
      '',
      'Matrix ENG',
      '  A1   error    missing-header  No Competency ID column.',
      '',
      '2 errors, 1 warning in 5 tabs.',
    ].join('\n'),
  );
});

test('no findings', () => {
  expect(formatFindings([], 1)).toBe('No problems found in 1 tab.');
});
