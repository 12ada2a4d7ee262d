// Data hooks: load an API path into state with loading and error, reloading when the path changes; run an
// action (a form submit, a button) with a busy flag and its coded API error.
import { useCallback, useEffect, useState } from 'react';

import { api, ApiError } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>(path).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          data: null,
          error:
            e instanceof ApiError
              ? e
              : new ApiError(0, { code: 'network', message_zh: '网络错误', message_en: 'Network error' }),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export interface Action {
  busy: boolean;
  error: ApiError | null;
  /** Runs fn with busy set and the last error cleared; an ApiError is kept in `error`, others rethrown. */
  run(fn: () => Promise<void>): Promise<void>;
}

export function useAction(): Action {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
