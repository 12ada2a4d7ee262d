// The what-if card: change one indicator's raw value or weight for a subject and see its score and rank before/after
// (a bank or district sees its rank as the range the published grades allow).
import { Alert, Button, Card, Form, Input, Select, Space, Statistic } from 'antd';
import { useState } from 'react';

import { api, ApiError } from '../../api.ts';
import { errorText, useT } from '../../i18n.ts';
import type { AssessBreakdown, SubjectKind, WhatIf, WhatIfBody } from '../../types.ts';

/** The form: one indicator and either a raw value or a weight (the weight wins when both are given). */
type WhatIfForm = { indicator_id: string; raw?: string; weight?: string };

/** A rank range as shown: "3" when exact, "2–4" when only the published grades bound it. */
const rankRange = (r: WhatIf['rank_range']): string =>
  r.best === r.worst ? String(r.best) : `${r.best}–${r.worst}`;

/** Simulates one change against the period's run; nothing is saved. */
export function WhatIfCard(props: {
  period: string;
  kind: SubjectKind;
  code: string;
  breakdown: AssessBreakdown[];
  nameOf(id: string): string;
}) {
  const { t, lang } = useT();
  const [sim, setSim] = useState<WhatIf | null>(null);
  const [simError, setSimError] = useState<ApiError | null>(null);
  const simulate = async (v: WhatIfForm) => {
    setSimError(null);
    try {
      const body: WhatIfBody = {
        subject_kind: props.kind,
        subject_code: props.code,
        indicator_id: v.indicator_id,
      };
      if (v.weight) body.weight = v.weight;
      else if (v.raw) body.raw = v.raw;
      setSim(await api<WhatIf>(`/assess/runs/${props.period}/what-if`, { body }));
    } catch (e) {
      if (e instanceof ApiError) setSimError(e);
      else throw e;
    }
  };
  return (
    <Card title={t('what_if')} size="small" style={{ marginTop: 16 }}>
      <Form layout="inline" onFinish={(v: WhatIfForm) => void simulate(v)} data-testid="what-if-form">
        <Form.Item name="indicator_id" rules={[{ required: true, message: t('required') }]}>
          <Select
            style={{ width: 180 }}
            placeholder={t('indicator')}
            options={props.breakdown.map((b) => ({
              value: b.indicator_id,
              label: props.nameOf(b.indicator_id),
            }))}
          />
        </Form.Item>
        <Form.Item name="raw">
          <Input placeholder={t('raw')} style={{ width: 120 }} data-testid="what-if-raw" />
        </Form.Item>
        <Form.Item name="weight">
          <Input placeholder={t('weight')} style={{ width: 100 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" data-testid="what-if-submit">
          {t('simulate')}
        </Button>
      </Form>
      {simError && (
        <Alert
          type="error"
          showIcon
          title={errorText(lang, simError)}
          style={{ marginTop: 12 }}
          data-testid="what-if-error"
        />
      )}
      {sim && (
        <Space size="large" style={{ marginTop: 16 }} data-testid="what-if-result">
          <Statistic title={`${t('before')} ${t('score')}`} value={sim.before.score} />
          <Statistic title={`${t('after')} ${t('score')}`} value={sim.after.score} />
          <Statistic title={`${t('before')} ${t('rank')}`} value={sim.before.rank} />
          <Statistic
            title={`${t('after')} ${t('rank')}`}
            value={sim.after.rank ?? rankRange(sim.rank_range)}
            data-testid="what-if-rank"
          />
        </Space>
      )}
    </Card>
  );
}
