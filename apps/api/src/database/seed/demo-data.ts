import type { BusinessCalendar, Channel, InboxSettings, PiiPolicy, PlaybookRequest, QueueSettings, Role, ScorecardDefinition, ScorecardQuestion, SlaContractVersionInput, TimeRange, Weekday } from '@switchboard/shared-contracts';

/** The demo world the README lists. Every password is `demo-password`. */
export const DEMO_PASSWORD = 'demo-password';

type Week = Partial<Record<Weekday, TimeRange[]>>;
const weekdays = (start: string, end: string): Week => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start, end }]]));
const everyDay = (start: string, end: string): Week => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start, end }]]));

export interface DemoClient {
  slug: string;
  name: string;
  timeZone: string;
  languages: string[];
  channels: Channel[];
  brandColor: string;
  businessCalendar: BusinessCalendar;
  piiPolicy: PiiPolicy;
  inboxes: { channel: Channel; name: string; address: string; widgetKey?: string; settings?: InboxSettings }[];
}

export const DEMO_CLIENTS: DemoClient[] = [
  {
    slug: 'northwind',
    name: 'Northwind Insurance',
    timeZone: 'America/New_York',
    languages: ['en', 'es'],
    channels: ['voice', 'email', 'chat'],
    brandColor: '#1d4ed8',
    businessCalendar: { weekly: { ...weekdays('08:00', '20:00'), sat: [{ start: '09:00', end: '13:00' }] }, holidays: ['2026-11-26', '2026-12-25', '2027-01-01'] },
    piiPolicy: { email: 'partial', phone: 'partial' },
    inboxes: [
      { channel: 'voice', name: 'Claims hotline', address: '+1-800-555-0142' },
      { channel: 'email', name: 'Policy support', address: 'support@northwind.demo' },
      {
        channel: 'chat',
        name: 'Claims chat',
        address: 'northwind.demo/chat',
        widgetKey: 'wk_northwind_demo',
        settings: { preChat: { name: 'required', email: 'optional' }, csat: true, offlineMessages: true, greeting: 'Hi! Tell us about your policy or claim and a Northwind agent will be right with you.' },
      },
    ],
  },
  {
    slug: 'globex',
    name: 'Globex Retail',
    timeZone: 'Europe/London',
    languages: ['en', 'tl'],
    channels: ['chat', 'social', 'email'],
    brandColor: '#c2410c',
    businessCalendar: { weekly: { ...everyDay('08:00', '22:00') }, holidays: ['2026-12-25'] },
    piiPolicy: { email: 'full', phone: 'hidden' },
    inboxes: [
      { channel: 'chat', name: 'Web chat', address: 'globex.demo/chat', widgetKey: 'wk_globex_demo', settings: { csat: true, offlineMessages: true, greeting: 'Questions about an order? We are here to help.' } },
      { channel: 'social', name: 'Globex on Messenger', address: '1029384756' },
      { channel: 'social', name: 'Globex on WhatsApp', address: '109876543210' },
      { channel: 'email', name: 'Orders', address: 'orders@globex.demo' },
    ],
  },
];

/**
 * Queues of each client (settings left out take the defaults) and which inbox lands where:
 * `inboxes` lists the inbox addresses whose default queue this is; `rules` route by language or words.
 */
export interface DemoQueue {
  client: string;
  settings: Partial<QueueSettings> & Pick<QueueSettings, 'name' | 'channels'>;
  inboxes: string[];
  rules?: { inbox: string; language?: string; keywords?: string[]; priority?: number }[];
}

export const DEMO_QUEUES: DemoQueue[] = [
  {
    client: 'northwind',
    settings: { name: 'Claims calls', channels: ['voice'], requiredSkills: [{ skill: 'voice_support', minProficiency: 3 }], secondarySkills: [{ skill: 'claims', minProficiency: 3 }], slaSeconds: 30, resolutionSeconds: 600, overflow: [{ afterSeconds: 60, widen: 'secondary_skills' }] },
    inboxes: ['+1-800-555-0142'],
  },
  {
    client: 'northwind',
    settings: {
      name: 'Policy email',
      channels: ['email'],
      requiredSkills: [{ skill: 'email_support', minProficiency: 3 }],
      secondarySkills: [{ skill: 'policy_billing', minProficiency: 3 }],
      slaSeconds: 4 * 3600,
      resolutionSeconds: 24 * 3600,
      nextResponseSeconds: 4 * 3600,
      autoAcceptChannels: ['email'],
      returnAfterSeconds: 2 * 3600,
      overflow: [{ afterSeconds: 1800, widen: 'secondary_skills' }],
    },
    inboxes: ['support@northwind.demo'],
  },
  { client: 'northwind', settings: { name: 'Claims chat', channels: ['chat'], slaSeconds: 60, resolutionSeconds: 900, nextResponseSeconds: 120 }, inboxes: ['northwind.demo/chat'] },
  {
    client: 'northwind',
    settings: { name: 'Soporte en español', channels: ['chat', 'voice'], language: 'es', priority: 2, slaSeconds: 60, resolutionSeconds: 900, nextResponseSeconds: 120, overflow: [{ afterSeconds: 120, widen: 'any_language' }] },
    inboxes: [],
    rules: [{ inbox: 'northwind.demo/chat', language: 'es' }],
  },
  {
    client: 'globex',
    settings: { name: 'Web chat & social', channels: ['chat', 'social'], requiredSkills: [{ skill: 'chat_support', minProficiency: 3 }], secondarySkills: [{ skill: 'social_care', minProficiency: 4 }], slaSeconds: 60, resolutionSeconds: 900, nextResponseSeconds: 120, overflow: [{ afterSeconds: 60, widen: 'secondary_skills' }] },
    inboxes: ['globex.demo/chat', '1029384756', '109876543210'],
  },
  {
    client: 'globex',
    settings: { name: 'Orders email', channels: ['email'], requiredSkills: [{ skill: 'email_support', minProficiency: 3 }], slaSeconds: 8 * 3600, resolutionSeconds: 24 * 3600, nextResponseSeconds: 8 * 3600, autoAcceptChannels: ['email'], returnAfterSeconds: 3600 },
    inboxes: ['orders@globex.demo'],
  },
  {
    client: 'globex',
    settings: { name: 'Returns & refunds', channels: ['chat', 'social', 'email'], requiredSkills: [{ skill: 'returns', minProficiency: 3 }], priority: 2, slaSeconds: 120, resolutionSeconds: 1800, nextResponseSeconds: 300, overflow: [{ afterSeconds: 180, widen: 'secondary_skills' }], secondarySkills: [{ skill: 'chat_support', minProficiency: 4 }] },
    inboxes: [],
    rules: ['globex.demo/chat', '1029384756', '109876543210', 'orders@globex.demo'].map((inbox) => ({ inbox, keywords: ['refund', 'return', 'money back'] })),
  },
];

export const DEMO_SKILLS: Record<string, string> = {
  voice_support: 'Voice support',
  claims: 'Insurance claims',
  policy_billing: 'Policy billing',
  email_support: 'Email support',
  chat_support: 'Chat support',
  social_care: 'Social care',
  returns: 'Returns & refunds',
};

export const DEMO_TEAMS = [
  { name: 'Manila Atlas', timeZone: 'Asia/Manila', lead: 'lead1@switchboard.demo' },
  { name: 'Bogotá Condor', timeZone: 'America/Bogota', lead: 'lead2@switchboard.demo' },
];

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  /** Client users: their client. Staff: the clients they serve or cover. */
  clients: string[];
  team?: string;
  agent?: {
    timeZone: string;
    languages: string[];
    skills: Record<string, number>;
    capacity: Record<Channel, number>;
    shift: Week;
  };
}

const manila = 'Asia/Manila';
const bogota = 'America/Bogota';

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@switchboard.demo', displayName: 'Avery Admin', role: 'admin', clients: [] },
  { email: 'lead1@switchboard.demo', displayName: 'Lea Mercado', role: 'team_lead', clients: ['northwind', 'globex'], team: 'Manila Atlas' },
  { email: 'lead2@switchboard.demo', displayName: 'Andrés Villa', role: 'team_lead', clients: ['northwind', 'globex'], team: 'Bogotá Condor' },
  {
    email: 'agent1@switchboard.demo', displayName: 'Maria Santos', role: 'agent', clients: ['globex'], team: 'Manila Atlas',
    agent: { timeZone: manila, languages: ['en', 'tl'], skills: { chat_support: 5, social_care: 4, returns: 3 }, capacity: { voice: 1, chat: 3, email: 5, social: 3 }, shift: weekdays('15:00', '00:00') },
  },
  {
    email: 'agent2@switchboard.demo', displayName: 'Jose Reyes', role: 'agent', clients: ['globex', 'northwind'], team: 'Manila Atlas',
    agent: { timeZone: manila, languages: ['en', 'tl'], skills: { email_support: 4, chat_support: 3, policy_billing: 2 }, capacity: { voice: 1, chat: 2, email: 6, social: 2 }, shift: weekdays('21:00', '06:00') },
  },
  {
    email: 'agent3@switchboard.demo', displayName: 'Ana Cruz', role: 'agent', clients: ['northwind'], team: 'Manila Atlas',
    agent: { timeZone: manila, languages: ['en'], skills: { voice_support: 4, claims: 3 }, capacity: { voice: 1, chat: 0, email: 3, social: 0 }, shift: weekdays('20:00', '05:00') },
  },
  {
    email: 'agent4@switchboard.demo', displayName: 'Carlos Gómez', role: 'agent', clients: ['northwind'], team: 'Bogotá Condor',
    agent: { timeZone: bogota, languages: ['en', 'es'], skills: { voice_support: 5, claims: 4, policy_billing: 3 }, capacity: { voice: 1, chat: 0, email: 4, social: 0 }, shift: weekdays('07:00', '16:00') },
  },
  {
    email: 'agent5@switchboard.demo', displayName: 'Lucía Herrera', role: 'agent', clients: ['northwind', 'globex'], team: 'Bogotá Condor',
    agent: { timeZone: bogota, languages: ['en', 'es'], skills: { email_support: 5, policy_billing: 4, returns: 3 }, capacity: { voice: 1, chat: 3, email: 5, social: 2 }, shift: { ...weekdays('10:00', '19:00'), sat: [{ start: '09:00', end: '13:00' }] } },
  },
  {
    email: 'agent6@switchboard.demo', displayName: 'Diego Ramírez', role: 'agent', clients: ['globex'], team: 'Bogotá Condor',
    agent: { timeZone: bogota, languages: ['en', 'es'], skills: { chat_support: 4, social_care: 5 }, capacity: { voice: 1, chat: 4, email: 4, social: 4 }, shift: { sat: [{ start: '08:00', end: '20:00' }], sun: [{ start: '08:00', end: '20:00' }], mon: [{ start: '12:00', end: '21:00' }] } },
  },
  { email: 'viewer@northwind.demo', displayName: 'Nora Whitfield', role: 'client_viewer', clients: ['northwind'] },
  { email: 'viewer@globex.demo', displayName: 'Gary Oxley', role: 'client_viewer', clients: ['globex'] },
  { email: 'admin@northwind.demo', displayName: 'Nadia Brooks', role: 'client_admin', clients: ['northwind'] },
  { email: 'admin@globex.demo', displayName: 'Grace Okafor', role: 'client_admin', clients: ['globex'] },
];

/** What agents find at their desk per client: canned responses (typed after `/`) and the wrap-up codes. */
export const DEMO_DESK: Record<string, { canned: { shortcut: string; title: string; body: string }[]; dispositions: { code: string; label: string }[] }> = {
  northwind: {
    canned: [
      { shortcut: 'greet', title: 'Greeting', body: 'Hello {{contact.firstName}}, thank you for contacting {{client.name}}. My name is {{agent.firstName}} — how can I help you today?' },
      { shortcut: 'claim-status', title: 'Claim status', body: 'I have checked your claim: it is with our assessors, and you will hear from them within two working days. Your reference is {{ticket.reference}}.' },
      { shortcut: 'policy-docs', title: 'Policy documents', body: 'You can download your policy documents any time from your Northwind account, under "My policies".' },
      { shortcut: 'close', title: 'Closing', body: 'Is there anything else I can help you with today, {{contact.firstName}}?' },
    ],
    dispositions: [
      { code: 'claim_opened', label: 'Claim opened' },
      { code: 'claim_update', label: 'Claim status given' },
      { code: 'policy_change', label: 'Policy changed' },
      { code: 'billing', label: 'Billing question answered' },
      { code: 'no_action', label: 'No action needed' },
    ],
  },
  globex: {
    canned: [
      { shortcut: 'greet', title: 'Greeting', body: 'Hi {{contact.firstName}}, thanks for contacting {{client.name}}! I am {{agent.firstName}} — how can I help?' },
      { shortcut: 'damaged', title: 'Damaged item: replacement', body: 'I am so sorry your order arrived damaged. I have arranged a free replacement; it ships today and you do not need to send the damaged item back.' },
      { shortcut: 'tracking', title: 'Where is my parcel', body: 'Your parcel is on its way. You can follow it with the tracking link in your dispatch email; deliveries usually arrive within 2–3 working days.' },
      { shortcut: 'close', title: 'Closing', body: 'Thanks for shopping with {{client.name}}, {{contact.firstName}}. Have a lovely day!' },
    ],
    dispositions: [
      { code: 'order_status', label: 'Order status given' },
      { code: 'replacement_sent', label: 'Replacement sent' },
      { code: 'refund_issued', label: 'Refund issued' },
      { code: 'no_action', label: 'No action needed' },
    ],
  },
};

/**
 * Each client's playbook, as a client writes its brief for an outsourced team: how to open, how a
 * conversation goes, what to always and never do, and where to look things up. Links point at
 * reserved `.example` addresses: the demo clients have no real web sites.
 */
export const DEMO_PLAYBOOKS: Record<string, PlaybookRequest> = {
  northwind: {
    greeting: 'Thank you for contacting Northwind Insurance, my name is {{agent.firstName}}. Am I speaking with {{contact.name}}?',
    script: [
      '1. Verify the caller: full name, date of birth and policy number (NW- followed by 8 digits). Never discuss a policy before all three match.',
      '2. Listen first. For a new claim, take the date, place and a short description of what happened, and ask whether anyone was hurt.',
      '3. Injury, fire or a home that cannot be lived in: stop the script and transfer warm to the Claims calls queue as an urgent claim.',
      '4. Give the claim number and tell the customer what happens next: an assessor contacts them within two working days.',
      '5. Read back what was agreed, give the ticket reference, and offer the policy documents link by email.',
    ].join('\n'),
    dos: [
      'Use the customer’s name and keep a calm, unhurried tone: many callers have just had an accident.',
      'Confirm the policy number back digit by digit.',
      'Tell the customer every time you put them on hold, and why.',
      'Note the claim number and the next step in an internal note before you wrap up.',
      'Switch to Spanish, or transfer to Soporte en español, as soon as the customer prefers it.',
    ],
    donts: [
      'Never say whether a claim will be paid, or how much: only assessors decide.',
      'Never take card details by chat or email; payments go through the secure IVR line.',
      'Do not read the full policy number or address aloud to anyone who has not passed verification.',
      'Do not give legal or medical advice.',
    ],
    links: [
      { label: 'Claims handling guide', url: 'https://northwind.example/agents/claims-guide' },
      { label: 'Policy types and cover', url: 'https://northwind.example/agents/policy-types' },
      { label: 'Complaints and escalation', url: 'https://northwind.example/agents/escalation' },
    ],
  },
  globex: {
    greeting: 'Hi {{contact.firstName}}, thanks for contacting Globex! I’m {{agent.firstName}} and I’ll sort this out for you.',
    script: [
      'Ask for the order number (GX- and 7 digits) or the email address used at checkout, and check it in the order lookup before anything else.',
      'Where is my order: give the carrier and the tracking link; parcels count as late after 5 working days.',
      'Damaged or wrong item: say sorry once, ask for a photo, and send a free replacement (no return needed under £50).',
      'Refunds: within 30 days of delivery, unused items. Refunds reach the original payment method in 3 to 5 working days.',
      'Close by asking whether there is anything else, and thank them for shopping with Globex.',
    ].join('\n'),
    dos: [
      'Keep replies short and friendly: most customers are on their phone.',
      'Use emoji sparingly and only if the customer does first.',
      'Offer the replacement or refund before the customer has to ask for it.',
      'Reply in Tagalog when the customer writes in Tagalog.',
    ],
    donts: [
      'Do not ask for card numbers or passwords, ever.',
      'Do not promise a delivery date the carrier has not given.',
      'Do not argue about a review or a public post: apologise and move the conversation to a private chat.',
      'Do not offer discount codes above 15 % without a team lead’s approval.',
    ],
    links: [
      { label: 'Returns & refunds policy', url: 'https://globex.example/help/returns' },
      { label: 'Order lookup', url: 'https://globex.example/backoffice/orders' },
      { label: 'Carrier tracking', url: 'https://globex.example/help/tracking' },
    ],
  },
};

const question = (key: string, text: string, scale: ScorecardQuestion['scale'], guidance: string, more: Partial<ScorecardQuestion> = {}): ScorecardQuestion => ({ key, text, scale, allowNa: false, critical: false, guidance, ...more });

/** Each demo client's QA scorecard (version 1), so leads can review tickets out of the box. */
export const DEMO_SCORECARDS: Record<string, ScorecardDefinition> = {
  globex: {
    name: 'Globex chat quality',
    sections: [
      {
        key: 'opening',
        title: 'Opening',
        weight: 15,
        questions: [
          question('greeting', 'Greeted the customer by name with the Globex greeting', 'binary', 'The playbook greeting or close to it, within the first reply.'),
          question('order_verified', 'Found the order (order number or checkout email) before acting on it', 'binary', 'No changes, refunds or replacements on an order that was not looked up.', { critical: true }),
        ],
      },
      {
        key: 'resolution',
        title: 'Resolution',
        weight: 50,
        questions: [
          question('understood', 'Understood the problem without making the customer repeat it', '5', '5: got it from the first message; 1: asked for the same facts again and again.'),
          question('correct_solution', 'Gave the right solution under the returns & refunds policy', '5', 'Replacement under £50 without a return, refunds within 30 days, tracking for late parcels.', { weight: 2 }),
          question('offered_proactively', 'Offered the replacement or refund before the customer had to ask', '3', '1: only after the customer asked twice; 3: offered it first.', { allowNa: true }),
        ],
      },
      {
        key: 'communication',
        title: 'Communication',
        weight: 25,
        questions: [
          question('tone', 'Short, friendly replies in the customer’s language', '4', 'Tagalog when the customer writes in Tagalog; emoji only when the customer uses them first.'),
          question('response_pace', 'Kept the chat moving (no long silences)', '3', '3: every reply within a minute or two; 1: the customer waited and asked whether anyone was there.'),
        ],
      },
      {
        key: 'compliance',
        title: 'Compliance and close',
        weight: 10,
        questions: [
          question('no_card_details', 'Did not ask for card numbers or passwords', 'binary', 'Any request for card details or a password fails the whole evaluation.', { critical: true }),
          question('closing', 'Asked whether there was anything else and thanked the customer', 'binary', ''),
        ],
      },
    ],
  },
  northwind: {
    name: 'Northwind claims calls',
    sections: [
      {
        key: 'verification',
        title: 'Verification',
        weight: 25,
        questions: [
          question('caller_verified', 'Verified name, date of birth and policy number before discussing the policy', 'binary', 'All three, before any policy detail. Missing one fails the whole evaluation.', { critical: true }),
          question('policy_read_back', 'Read the policy number back digit by digit', 'binary', '', { allowNa: true }),
        ],
      },
      {
        key: 'claim',
        title: 'Claim handling',
        weight: 45,
        questions: [
          question('facts_taken', 'Took the date, place and description, and asked whether anyone was hurt', '5', '5: all four without prompting; 1: the assessor will have to call back for them.', { weight: 2 }),
          question('urgent_escalated', 'Transferred injury, fire or uninhabitable-home claims warm as urgent', 'binary', 'N/A when the claim was not urgent.', { allowNa: true, critical: true }),
          question('next_steps', 'Gave the claim number and explained the next step (assessor within two working days)', '4', ''),
          question('no_payout_promise', 'Did not say whether or how much the claim will pay', 'binary', 'Only assessors decide; any promise fails the whole evaluation.', { critical: true }),
        ],
      },
      {
        key: 'care',
        title: 'Customer care',
        weight: 30,
        questions: [
          question('calm_tone', 'Calm, unhurried tone; used the customer’s name', '5', 'Many callers have just had an accident.'),
          question('hold_etiquette', 'Said why and for how long before each hold', '3', 'N/A when the call had no hold.', { allowNa: true }),
          question('language', 'Offered Spanish or the Spanish queue as soon as the customer preferred it', 'binary', 'N/A when the customer spoke English throughout.', { allowNa: true }),
        ],
      },
    ],
  },
};

/**
 * The demo clients' SLA contracts (version 1), so the portal shows targets, attainment and a statement.
 * `effectiveFrom` is filled in at seed time: the month before the seed, which the demo history covers.
 */
export const DEMO_SLA_CONTRACTS: Record<string, Omit<SlaContractVersionInput, 'effectiveFrom'>> = {
  globex: {
    effectiveTo: null,
    atRiskPercent: 10,
    earnBackPeriods: 2,
    businessHoursOnly: false,
    fcrWindowDays: 7,
    percentileMethod: 'nearest_rank',
    billing: { unit: 'handled_ticket', unitPriceCents: 320, currency: 'GBP' },
    criticalServiceLevels: [
      { id: 'sl', name: 'Answered within 30 s', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 60, serviceLevel: { variant: 'answered_within_of_all_less_abandoned_within', thresholdSeconds: 30, shortAbandonSeconds: 5 }, exclusions: [] },
      { id: 'csat', name: 'Customer satisfaction', kpi: 'csat', target: 85, minimum: 75, allocationPercent: 40, exclusions: [] },
    ],
    keyMeasurements: [
      { id: 'frt', name: 'First response, median', kpi: 'frt_median', target: 120, minimum: 300, exclusions: [] },
      { id: 'fcr', name: 'First contact resolution', kpi: 'fcr', target: 70, minimum: 60, exclusions: [] },
    ],
  },
  northwind: {
    effectiveTo: null,
    atRiskPercent: 12,
    earnBackPeriods: 3,
    businessHoursOnly: false,
    fcrWindowDays: 7,
    percentileMethod: 'nearest_rank',
    billing: { unit: 'handled_minute', unitPriceCents: 95, currency: 'USD' },
    criticalServiceLevels: [
      { id: 'voice-sl', name: 'Calls answered within 20 s', kpi: 'service_level', target: 80, minimum: 75, allocationPercent: 50, channel: 'voice', serviceLevel: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null }, exclusions: [{ kind: 'client_caused_outage' }] },
      { id: 'abandon', name: 'Abandonment', kpi: 'abandonment_rate', target: 5, minimum: 8, allocationPercent: 30, exclusions: [] },
      { id: 'csat', name: 'Customer satisfaction', kpi: 'csat', target: 85, minimum: 80, allocationPercent: 20, exclusions: [] },
    ],
    keyMeasurements: [{ id: 'aht', name: 'Average handle time', kpi: 'aht', target: 420, minimum: 600, exclusions: [] }],
  },
};
