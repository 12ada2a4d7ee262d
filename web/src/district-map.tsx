// Chongqing district map (ECharts, `chongqing_districts.echarts.json`): the 38 districts coloured by one value
// each — continuous (a figure, a score) or by category pieces (a grade); a click hands back the district code.
import * as echarts from 'echarts';
import { useMemo } from 'react';

import geo from '../../src/reference/data/chongqing_districts.echarts.json' with { type: 'json' };
import { EChart } from './components.tsx';

interface GeoFeature {
  properties: { adcode: number; name: string };
}
const FEATURES = (geo as unknown as { features: GeoFeature[] }).features;
const NAME_BY_CODE = new Map(FEATURES.map((f) => [String(f.properties.adcode), f.properties.name]));
const CODE_BY_NAME = new Map(FEATURES.map((f) => [f.properties.name, String(f.properties.adcode)]));
echarts.registerMap('chongqing', geo as unknown as Parameters<typeof echarts.registerMap>[1]);

export interface DistrictValue {
  code: string;
  /** Fallback name when the code is not on the map. */
  name: string;
  value: number | null;
  /** What the tooltip shows for the value. */
  label: string;
}

/** Category colouring: one piece per value (e.g. grades A–D as 4…1). */
export interface MapPiece {
  value: number;
  label: string;
  color: string;
}

const RAMP = ['#fff5f0', '#fcbba1', '#fb6a4a', '#cb181d', '#67000d'];

export function DistrictMap(props: {
  data: DistrictValue[];
  pieces?: MapPiece[];
  height?: number;
  testId: string;
  onPick?: (code: string) => void;
}) {
  const { data, pieces } = props;
  const option = useMemo(() => {
    const values = data.map((d) => d.value).filter((v): v is number => v !== null);
    const visualMap = pieces
      ? { type: 'piecewise', pieces, left: 16, bottom: 16 }
      : {
          min: values.length ? Math.min(...values) : 0,
          max: values.length ? Math.max(...values) : 1,
          left: 16,
          bottom: 16,
          calculable: true,
          inRange: { color: RAMP },
        };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (x: { name: string; data?: { label: string } }) => `${x.name}<br/>${x.data?.label ?? '—'}`,
      },
      visualMap,
      series: [
        {
          type: 'map',
          map: 'chongqing',
          roam: true,
          label: { show: true, fontSize: 9 },
          emphasis: { label: { show: true } },
          data: data.map((d) => ({
            name: NAME_BY_CODE.get(d.code) ?? d.name,
            value: d.value,
            label: d.label,
          })),
        },
      ],
    };
  }, [data, pieces]);
  const onPick = props.onPick;
  return (
    <EChart
      option={option}
      height={props.height ?? 640}
      testId={props.testId}
      onClick={(e) => {
        const code = e.name ? CODE_BY_NAME.get(e.name) : undefined;
        if (code && onPick) onPick(code);
      }}
    />
  );
}
