/**
 * The rules layer: plain constants and functions with no zod, so the extension's small bundles
 * (content script, popup, dashboard) import them without shipping a schema library. The schemas
 * in `shared/*.ts` are built on these; nothing outside `shared/rules/` restates one.
 */
export * from './attributes';
export * from './calendar';
export * from './days';
export * from './engagement';
export * from './limits';
export * from './pulse';
export * from './session-span';
export * from './well-formed';
export * from './selector-health';
export * from './credentials';
export * from './disclosure';
export * from './objectives';
