// Shared view pieces: an ECharts container, a loading/error/empty wrapper, an action's error, and a page title
// bar.
import { Alert, Button, Empty, Spin, Typography } from 'antd';
import * as echarts from 'echarts';
import { useEffect, useRef, type ReactNode } from 'react';

import type { ApiError } from './api.ts';
import { errorText, useT } from './i18n.ts';

export function EChart(props: {
  option: echarts.EChartsCoreOption;
  height?: number;
  onClick?: (params: { name?: string; data?: unknown; seriesName?: string }) => void;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    c.on('click', (p) => onClick.current?.(p as { name?: string; data?: unknown; seriesName?: string }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    // No animation: figures appear at once, and a resize (e.g. a full-page screenshot) never shows a half-drawn chart.
    chart.current?.setOption({ animation: false, ...props.option }, true);
  }, [props.option]);
  return <div ref={el} data-testid={props.testId} style={{ width: '100%', height: props.height ?? 280 }} />;
}

/** Shows a spinner while loading, the coded error (with retry; 404 → "API not available yet"), or children. */
export function Async(props: {
  loading: boolean;
  error: ApiError | null;
  empty?: boolean;
  reload?: () => void;
  children: ReactNode;
}) {
  const { t, lang } = useT();
  if (props.loading)
    return (
      <div style={{ padding: 48, textAlign: 'center' }} data-testid="loading">
        <Spin description={t('loading')} />
      </div>
    );
  if (props.error) {
    const missing = props.error.status === 404 && props.error.code === 'not_found';
    return (
      <Alert
        type={missing ? 'info' : 'error'}
        showIcon
        data-testid="api-error"
        title={missing ? t('not_available') : t('error')}
        description={errorText(lang, props.error)}
        action={props.reload && <Button onClick={props.reload}>{t('retry')}</Button>}
      />
    );
  }
  if (props.empty) return <Empty description={t('no_data')} />;
  return <>{props.children}</>;
}

/** The coded error of an action (form submit, button), in the current language; nothing without one. */
export function ErrorAlert(props: { error: ApiError | null; testId?: string }) {
  const { lang } = useT();
  if (!props.error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(lang, props.error)}
      style={{ marginBottom: 16 }}
      data-testid={props.testId}
    />
  );
}

export function PageTitle(props: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {props.children}
      </Typography.Title>
      <div>{props.extra}</div>
    </div>
  );
}
