import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ASSUMED_UI_CONFIG, type UiConfig } from './ui-config';

export const UiConfigContext = createContext<UiConfig>(ASSUMED_UI_CONFIG);

export function useUiConfig(): UiConfig {
  return useContext(UiConfigContext);
}
