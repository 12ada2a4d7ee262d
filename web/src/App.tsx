// The application shell: language and antd locale, the session (GET /api/me), login / forced password change,
// and the routed pages inside the layout.
import { App as AntApp, ConfigProvider, Spin, type ConfigProviderProps } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import { useEffect, useMemo, useState } from 'react';

import { api, ApiError } from './api.ts';
import { initialLang, LANG_KEY, LangContext, type Lang } from './i18n.ts';
import { Shell } from './Shell.tsx';
import { ChangePasswordPage } from './pages/ChangePassword.tsx';
import { LoginPage } from './pages/Login.tsx';
import { SessionContext } from './session.ts';
import type { Session, User } from './types.ts';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;
// antd's locale files are CommonJS: the bundler hands over the value, TypeScript (NodeNext) sees a namespace.
const pickLocale = (m: unknown): AntLocale => ((m as { default?: AntLocale }).default ?? m) as AntLocale;
const zhCN = pickLocale(zhCNModule);
const enUS = pickLocale(enUSModule);

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const setLang = (l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  };
  useEffect(() => {
    api<Session>('/me').then(
      (r) => setUser(r.user),
      (e: unknown) => {
        if (!(e instanceof ApiError)) console.error(e);
        setUser(null);
      },
    );
  }, []);
  const langValue = useMemo(() => ({ lang, setLang }), [lang]);
  let body;
  if (user === undefined) body = <Spin style={{ display: 'block', marginTop: 120 }} />;
  else if (user === null) body = <LoginPage onLogin={setUser} />;
  else if (user.must_change_password) body = <ChangePasswordPage user={user} onDone={setUser} />;
  else
    body = (
      <SessionContext.Provider value={{ user, setUser }}>
        <Shell />
      </SessionContext.Provider>
    );
  return (
    <LangContext.Provider value={langValue}>
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#b71c1c' } }}>
        <AntApp>{body}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
