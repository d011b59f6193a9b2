import { use, init, type ComposeOption, type ECharts } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent, type GridComponentOption, type MarkLineComponentOption, type TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The one place ECharts is loaded, with only what the portal draws: line charts on a grid, a tooltip and
 * a target line, rendered as SVG. Loaded lazily (its own chunk), so the first screen's numbers never wait for it.
 */
use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export type TrendChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

export function createChart(element: HTMLElement): ECharts {
  return init(element, null, { renderer: 'svg' });
}

export type { ECharts };
