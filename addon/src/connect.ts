/** The Connect panel: save the server URL and token, check the server answers and the workbook is registered. */
import { callServer } from './server-client';
import { HealthAnswer, WorkbookAnswer } from './server-answers';
import { SidebarFailure } from './results';
import { checkServerUrl, connectionState, loadConnection, saveConnectionSettings } from './settings';
import type { ConnectionCheck } from './sidebar-api';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function saveConnectionIn(ss: Spreadsheet, input: { serverUrl: string; token: string }): ConnectionCheck {
  const checked = checkServerUrl(input.serverUrl);
  if ('problem' in checked) throw new SidebarFailure({ code: 'bad-input', message: checked.problem });
  // An empty token field keeps the saved token (the browser never receives it, so it cannot send it back).
  const token = input.token.trim() === '' ? loadConnection().token : input.token.trim();
  if (token === '') throw new SidebarFailure({ code: 'bad-input', message: 'Paste your Rungs token (ask your Rungs administrator for one).' });
  saveConnectionSettings(checked.url, token);
  return testConnectionIn(ss);
}

/** GET /healthz, then the workbook on the server: read it, and register it (POST /v1/workbooks) when it is unknown. */
export function testConnectionIn(ss: Spreadsheet): ConnectionCheck {
  const connection = loadConnection();
  if (connection.token === '') throw new SidebarFailure({ code: 'not-connected', message: 'No token is saved yet. Paste your Rungs token in Connect.' });
  const health = callServer(connection, { method: 'get', path: '/healthz', answer: HealthAnswer }).value;
  const spreadsheetId = ss.getId();
  try {
    callServer(connection, { method: 'get', path: `/v1/workbooks/${encodeURIComponent(spreadsheetId)}`, answer: WorkbookAnswer });
  } catch (e) {
    if (!(e instanceof SidebarFailure) || e.error.status !== 404) throw e;
    callServer(connection, { method: 'post', path: '/v1/workbooks', body: { spreadsheetId, name: ss.getName() }, answer: WorkbookAnswer });
  }
  return { connection: connectionState(connection), server: `${health.status}`, workbookConnected: true };
}
