/** Heatmaps (gradient conditional formats) and charts of a report tab as Sheets API requests. */
import type { sheets_v4 } from 'googleapis';
import type { ChartSpec, HeatmapSpec } from '../../shared/reports/layout';
import { gridRange } from './report-cells';

type Request = sheets_v4.Schema$Request;

export const HEAT_COLORS = {
  bad: { red: 0.902, green: 0.486, blue: 0.451 },
  middle: { red: 1, green: 0.839, blue: 0.4 },
  good: { red: 0.341, green: 0.733, blue: 0.541 },
} as const;

function point(type: 'MIN' | 'MAX', fixed: number | undefined, color: sheets_v4.Schema$Color): sheets_v4.Schema$InterpolationPoint {
  return fixed === undefined ? { type, color } : { type: 'NUMBER', value: String(fixed), color };
}

export function heatmapRequest(sheetId: number, h: HeatmapSpec, index: number): Request {
  const [low, high] = h.direction === 'higher-is-better' ? [HEAT_COLORS.bad, HEAT_COLORS.good] : [HEAT_COLORS.good, HEAT_COLORS.bad];
  const midpoint: sheets_v4.Schema$InterpolationPoint = h.min !== undefined && h.max !== undefined
    ? { type: 'NUMBER', value: String((h.min + h.max) / 2), color: HEAT_COLORS.middle }
    : { type: 'PERCENTILE', value: '50', color: HEAT_COLORS.middle };
  return {
    addConditionalFormatRule: {
      index,
      rule: {
        ranges: [gridRange(sheetId, h.range)],
        gradientRule: { minpoint: point('MIN', h.min, low), midpoint, maxpoint: point('MAX', h.max, high) },
      },
    },
  };
}

const CHART_TYPES = { column: 'COLUMN', bar: 'BAR', line: 'LINE' } as const;

export function chartRequest(sheetId: number, c: ChartSpec): Request {
  const source = (r: ChartSpec['domain']) => ({ sourceRange: { sources: [gridRange(sheetId, r)] } });
  return {
    addChart: {
      chart: {
        spec: {
          title: c.title,
          basicChart: {
            chartType: CHART_TYPES[c.type],
            legendPosition: c.series.length > 1 ? 'BOTTOM_LEGEND' : 'NO_LEGEND',
            headerCount: 0,
            domains: [{ domain: source(c.domain) }],
            // A bar chart's values run along the bottom axis; column and line charts' along the left one.
            series: c.series.map((s) => ({ series: source(s), targetAxis: c.type === 'bar' ? 'BOTTOM_AXIS' : 'LEFT_AXIS' })),
          },
        },
        position: { overlayPosition: { anchorCell: { sheetId, rowIndex: c.anchor.row, columnIndex: c.anchor.column } } },
      },
    },
  };
}
