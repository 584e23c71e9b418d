/**
 * The dependency rules of the layout (docs/architecture.md): `npm test` runs
 * `npm run lint:deps`, so a change that breaks one fails CI with the offending import.
 */
const capabilities =
  'identity|tickets|queues|sla|notifications|webhooks|desk|attachments|email|reports|automation|search|kb';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere, portal included (dynamic and type-only imports count too).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-without-aws-sdk',
      severity: 'error',
      comment: "A capability's domain is pure: only its adapters/ talk to AWS.",
      from: { path: '^shared/[^/]+/', pathNot: '^shared/[^/]+/adapters/' },
      to: { path: '@aws-sdk/' },
    },
    {
      name: 'product-without-local',
      severity: 'error',
      comment:
        'Nothing deployed imports the local runtime (gateway emulator, table scheduler, local tokens).',
      from: { path: '^(functions|shared|infra)/' },
      to: { path: '^local/' },
    },
    {
      name: 'shared-without-edges',
      severity: 'error',
      comment:
        'shared/ is imported by the edges (functions, infra, local, portal), never the other way round.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|local|portal|scripts|bench|test)/' },
    },
    {
      name: 'platform-is-the-floor',
      severity: 'error',
      comment: 'shared/platform is cross-cutting and knows no capability.',
      from: { path: '^shared/platform/' },
      to: { path: `^shared/(${capabilities})/` },
    },
    {
      name: 'capability-layers',
      severity: 'error',
      comment:
        'Capabilities depend downwards only: identity <- tickets <- queues, sla <- notifications ' +
        '(a change reacts through hooks and the change stream, never by importing upwards).',
      from: { path: '^shared/(identity|tickets)/' },
      to: { path: '^shared/(queues|sla|notifications)/' },
    },
    {
      name: 'webhooks-on-top',
      severity: 'error',
      comment: 'webhooks reacts to ticket changes through the change stream: no other capability imports it.',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications)/' },
      to: { path: '^shared/webhooks/' },
    },
    {
      name: 'attachments-above-tickets',
      severity: 'error',
      comment:
        'attachments builds on tickets: the ticket store claims files through the MessageAttachments port, ' +
        'which the wiring fills, never by importing attachments.',
      from: { path: '^shared/(identity|tickets|queues|sla)/' },
      to: { path: '^shared/attachments/' },
    },
    {
      name: 'desk-on-top-of-tickets',
      comment:
        "The agent's desk (canned responses, presence) uses tickets; the layers below never import it.",
      severity: 'error',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications|webhooks)/' },
      to: { path: '^shared/desk/' },
    },
    {
      name: 'search-and-kb-on-top',
      comment:
        'Search (docs/search.md) indexes tickets and the knowledge base; tickets ask it through their ' +
        'TicketSearch port, which the wiring fills. kb uses search; nothing below imports either.',
      severity: 'error',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications|webhooks|desk|attachments)/' },
      to: { path: '^shared/(search|kb)/' },
    },
    {
      name: 'search-below-kb',
      severity: 'error',
      from: { path: '^shared/search/' },
      to: { path: '^shared/kb/' },
    },
    {
      name: 'email-on-top',
      severity: 'error',
      comment:
        'The e-mail channel (inbound mail) drives the ticket use cases and stores files through attachments; ' +
        'nothing below imports it (docs/inbound-mail.md).',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications|webhooks|attachments|desk)/' },
      to: { path: '^shared/email/' },
    },
    {
      name: 'reports-on-top',
      comment:
        'reports reads tickets and SLA calendars and learns of changes from the change stream (docs/reports.md): no other capability imports it.',
      severity: 'error',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications|webhooks|desk|attachments|email)/' },
      to: { path: '^shared/reports/' },
    },
    {
      name: 'automation-on-top-of-tickets',
      comment:
        'Automation rules complete ticket changes through the hooks the wiring composes, and react to the stream; the layers below never import it.',
      severity: 'error',
      from: { path: '^shared/(identity|tickets|queues|sla|notifications|webhooks)/' },
      to: { path: '^shared/automation/' },
    },
    {
      name: 'identity-is-below-tickets',
      severity: 'error',
      from: { path: '^shared/identity/' },
      to: { path: '^shared/tickets/' },
    },
    {
      name: 'sla-below-notifications',
      severity: 'error',
      from: { path: '^shared/sla/' },
      to: { path: '^shared/notifications/' },
    },
    {
      name: 'entries-import-their-wiring',
      severity: 'error',
      comment:
        'Lambda entries get adapters and clients from their wiring (functions/wiring/), never by building them.',
      from: { path: '^functions/', pathNot: '^functions/wiring/' },
      to: { path: ['^shared/[^/]+/adapters/', '@aws-sdk/'] },
    },
    {
      name: 'portal-takes-types-only',
      severity: 'error',
      comment: 'The browser bundle takes wire types from the zod schemas, never server code.',
      from: { path: '^portal/' },
      to: { path: '^(shared|functions|local|infra)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.data|dist|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    moduleSystems: ['es6', 'cjs'],
  },
};
