import packageJson from '../../package.json' with { type: 'json' };

/** What the reference page shows above the operations (Markdown), and what `/openapi.json` carries as its description. */
const DESCRIPTION = `Validates, stores and reports on competency-based career track workbooks authored in Google Sheets.

### Authentication
Routes with a lock need \`Authorization: Bearer <token>\`. The first admin token is made on the server's machine,
in the same environment as the server (it writes to the same store):

    npx rungs token create --role admin --label "Ana (HR admin)"

It is printed once; only its hash is kept. Admins create more tokens with \`POST /v1/tokens\`. To try the routes
from this page, click **Authorize**, paste the token, then **Try it out** on an operation.

A token's role decides what it may do: **admin** everything; **owner** the drafts, publishes, reports and learner
data of their tracks; **manager** reads the reports of their tracks; **integrator** imports and exports. A request
without a valid token answers 401; one the token's role or tracks do not cover answers 403.

### Requests and errors
JSON bodies need \`Content-Type: application/json\`; a learner-record upload sends the CSV file itself as the body
(\`Content-Type: text/csv\`). Every error answers \`{ "error": { "code", "message", "findings"? } }\`: \`code\` is
stable (e.g. \`invalid-body\`, \`unauthorized\`, \`forbidden\`, \`has-errors\`, \`stale-version\`), \`message\` is
for a person, and \`findings\` (sheet, cell, severity, code, message) come with refusals caused by what a workbook
or a file holds. A publish or rollback sent again with the same \`Idempotency-Key\` answers what the first one did.

The same document as JSON: [/openapi.json](/openapi.json).`;

const TAGS = [
  { name: 'system', description: 'Is the server up.' },
  { name: 'validation', description: 'Check a workbook snapshot; the findings name sheet and cell. No token needed.' },
  { name: 'paths', description: 'Learning paths, inheritance and track analysis computed from a snapshot sent with the request. No token needed.' },
  { name: 'workbooks', description: 'Connect a spreadsheet to this server: the first step before drafts, publishes and learner records.' },
  { name: 'drafts', description: "Save a track's part of a snapshot as a draft and see what publishing it would change." },
  { name: 'versions', description: 'Publish a draft as the Active version, list versions, roll back.' },
  { name: 'employees', description: "The workbook's employees, from the Employees tab." },
  { name: 'inheritance', description: 'What an employee or a position is expected to show, from the published versions.' },
  { name: 'records', description: 'Learner records (completions, assessments, HRIS employees) uploaded as CSV files.' },
  { name: 'reports', description: 'Per-track report tabs: refresh them and read the last ones rendered.' },
  { name: 'ai', description: 'AI proposals for competencies, levels, matrix cells and rubric descriptors.' },
  { name: 'exchange', description: 'Frameworks to and from CSV, Moodle and CASE.' },
  { name: 'admin', description: 'Tokens and the audit log.' },
];

/** The OpenAPI document's fixed part; the routes add their paths and schemas. */
export const DOC_CONFIG = {
  openapi: '3.1.0',
  info: { title: 'Rungs sync server', version: packageJson.version, description: DESCRIPTION },
  tags: TAGS,
};

/** The bearer scheme as the reference explains it. */
export const BEARER_DESCRIPTION =
  'An API token (`rungs_...`). The first admin token comes from `npx rungs token create --role admin --label "<who>"` ' +
  'on the server\'s machine; admins create more with POST /v1/tokens. Its role and tracks decide what it may reach.';

/** What each error status means, on every route that may answer it. */
export const ERROR_MEANINGS: Record<string, { description: string; code: string; message: string }> = {
  400: { description: 'The request is malformed or does not match the schema; the message names the JSON path.', code: 'invalid-body', message: 'The request body does not match the schema: spreadsheetId: Too small: expected string to have >=1 characters' },
  401: { description: 'No token, or a token that is unknown or revoked.', code: 'unauthorized', message: 'Send an API token as "Authorization: Bearer <token>".' },
  403: { description: "The token's role or tracks do not cover this request.", code: 'forbidden', message: 'This token is limited to ENG; it cannot reach track CS.' },
  404: { description: 'No such workbook, track, draft, version or token.', code: 'unknown-workbook', message: 'Workbook 1AbCdEf is not connected to this server. Connect it first.' },
  409: { description: 'Another version became active after the draft was saved: look at the diff again, then publish.', code: 'stale-version', message: 'Version 3 of track CS became active after this change was based on version 2. Review the changes, save a new draft and publish again.' },
  413: { description: 'The body is larger than the server accepts.', code: 'body-too-large', message: 'The request body is larger than the 50 MB this server accepts.' },
  415: { description: 'The body is not of a type this route reads.', code: 'unsupported-media-type', message: 'Send JSON with Content-Type: application/json.' },
  422: { description: 'Refused because of what the workbook or file holds: the findings say where and why; nothing changed.', code: 'has-errors', message: 'Track CS cannot be published: the draft has 1 error. Fix them and save the draft again.' },
  429: { description: 'Too many requests: a limit of this server (e.g. the daily AI runs of a workbook) or of the AI endpoint was reached; try again later.', code: 'ai-daily-limit', message: 'This workbook has used its 200 AI runs for today (UTC). Try again tomorrow.' },
  500: { description: 'Unexpected server failure (details only in the server log).', code: 'internal', message: 'Something went wrong on the server. The server log has the details.' },
  502: { description: 'An upstream service (the AI endpoint) failed or answered something unusable.', code: 'ai-invalid-output', message: 'The AI answer did not match the expected shape twice; nothing was proposed.' },
  504: { description: 'An upstream service (the AI endpoint) did not answer in time.', code: 'ai-timeout', message: 'The AI endpoint did not answer within 60 s; nothing was proposed.' },
  503: { description: 'A service this route needs is not configured or not reachable.', code: 'ai-not-configured', message: 'AI generation is not configured on this server (OPENAI_API_KEY is not set).' },
};
