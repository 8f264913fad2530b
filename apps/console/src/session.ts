import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.ts';
import type { Messages } from './i18n/index.ts';
import type { Lang } from './types.ts';

/** What every page needs: the API client (with the key), the language and its text. */
export type Session = {
  api: Api;
  lang: Lang;
  t: Messages;
  /** Announces a short message in the app's polite live region (screen readers). */
  announce: (message: string) => void;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

const KEY_STORAGE = 'saeq.apiKey';
const LANG_STORAGE = 'saeq.lang';

/**
 * The API key lives in this tab's sessionStorage (gone when the tab closes; never in a URL,
 * a cookie or localStorage). Storage can be unavailable (privacy modes): then memory only.
 */
export const keyStore = {
  read(): string | null {
    try {
      return sessionStorage.getItem(KEY_STORAGE);
    } catch {
      return null;
    }
  },
  write(key: string | null): void {
    try {
      if (key) sessionStorage.setItem(KEY_STORAGE, key);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // memory only
    }
  },
};

/** The language preference is not a secret: it survives the tab. French unless chosen otherwise. */
export const langStore = {
  read(): Lang {
    try {
      return localStorage.getItem(LANG_STORAGE) === 'en' ? 'en' : 'fr';
    } catch {
      return 'fr';
    }
  },
  write(lang: Lang): void {
    try {
      localStorage.setItem(LANG_STORAGE, lang);
    } catch {
      // memory only
    }
  },
};
