// Forced (or voluntary) password change: current password, new password twice; coded errors in the language.
import { Alert, Button, Card, Form, Input, Typography } from 'antd';

import { api } from '../api.ts';
import { ErrorAlert } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { useT } from '../i18n.ts';
import type { Answer, ChangePasswordBody, User } from '../types.ts';

export function ChangePasswordPage(props: { user: User; onDone(u: User): void }) {
  const { t } = useT();
  const { busy, error, run } = useAction();
  const submit = (v: ChangePasswordBody) =>
    run(async () => {
      const r = await api<Answer<'/api/auth/change-password', 'post'>>('/auth/change-password', {
        body: {
          current_password: v.current_password,
          new_password: v.new_password,
        } satisfies ChangePasswordBody,
      });
      props.onDone(r.user);
    });
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f4f6' }}>
      <Card style={{ width: 420 }} data-testid="change-password">
        <Typography.Title level={4}>{t('change_password')}</Typography.Title>
        {props.user.must_change_password && (
          <Alert type="warning" showIcon title={t('change_password_hint')} style={{ marginBottom: 16 }} />
        )}
        <ErrorAlert error={error} />
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="current_password"
            label={t('current_password')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="new_password"
            label={t('new_password')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('confirm_password')}
            dependencies={['new_password']}
            rules={[
              { required: true, message: t('required') },
              ({ getFieldValue }) => ({
                validator: (_r, v) =>
                  v === getFieldValue('new_password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('passwords_differ'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('save')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
