/**
 * `nrich-connect/testing`: finish a sandbox flow from an end-to-end test. `completeFlow` asks the sandbox to press
 * the widget's button (any runner, any mode; Cypress sends `completeFlowRequest` with `cy.request`);
 * `completeInFrame` clicks inside the widget's frame (Playwright, WebdriverIO). No Node built-ins, no runner
 * imports: it loads in a Node test process and in a browser-side spec alike.
 */
export {
  completeFlow,
  completeFlowRequest,
  DEFAULT_COMPLETE_TIMEOUT_MS,
  SandboxControlError,
  type CompletedFlow,
  type CompleteFlowOptions,
  type ControlRequest,
  type SandboxOutcome,
  type SandboxTarget,
} from './complete-flow.js';
export {
  completeInFrame,
  type CompleteInFrameOptions,
  type PlaywrightPageLike,
  type WebdriverIOBrowserLike,
  type WebdriverIOElementLike,
} from './complete-in-frame.js';
