// Types for webkit-driver.mjs, for the node tests that drive WebKit through WebdriverIO themselves.
export interface WebKitDriver {
  port: number;
  display: string;
  stop(): Promise<void>;
}
export function startWebKitDriver(): Promise<WebKitDriver>;
