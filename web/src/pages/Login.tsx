// Login page: user name and password; shows the API's coded error message in the current language.
import { Button, Card, Form, Input, Typography } from 'antd';

import { api } from '../api.ts';
import { ErrorAlert } from '../components.tsx';
import { useAction } from '../hooks.ts';
import { useT } from '../i18n.ts';
import type { Answer, LoginBody, User } from '../types.ts';

export function LoginPage(props: { onLogin(u: User): void }) {
  const { t, lang, setLang } = useT();
  const { busy, error, run } = useAction();
  const submit = (v: LoginBody) =>
    run(async () => {
      const r = await api<Answer<'/api/auth/login', 'post'>>('/auth/login', { body: v });
      props.onLogin(r.user);
    });
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f4f6' }}>
      <Card style={{ width: 380 }} data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={4}>{t('app_title')}</Typography.Title>
          <Button type="link" data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </Button>
        </div>
        <ErrorAlert error={error} testId="login-error" />
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('username')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input autoComplete="username" data-testid="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('password')}
            rules={[{ required: true, message: t('required') }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
