/**
 * The API key lives in sessionStorage: it survives reloads of this tab and is gone when the tab
 * closes, and no other tab or site sees it. Storage can be off (private modes); then it lives in memory.
 */
const KEY = 'jobgate.apiKey';
let memory: string | null = null;

export function loadApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function saveApiKey(apiKey: string): void {
  memory = apiKey;
  try {
    sessionStorage.setItem(KEY, apiKey);
  } catch {
    // memory only
  }
}

export function clearApiKey(): void {
  memory = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // memory only
  }
}
