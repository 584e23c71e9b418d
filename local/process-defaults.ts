/**
 * Imported first by `npm start` (scripts/start.ts), before any module that reads the
 * environment at load time: the one Powertools logger takes its level when it is created, so
 * the local default (warnings and errors only; `POWERTOOLS_LOG_LEVEL=INFO` shows every line,
 * see the README) must be set before that.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
