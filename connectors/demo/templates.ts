/**
 * Text templates for the demo generator. `{brand}` is replaced by the brand's display name. Each template
 * names an aspect (support, refunds, delivery, app, price, staff, quality) so aspect dashboards light up.
 */

export type Tone = 'positive' | 'neutral' | 'negative';

export const TEMPLATES: Record<Tone, readonly string[]> = {
  positive: [
    '{brand} support sorted my problem in ten minutes. Genuinely impressed.',
    'Shout-out to the {brand} staff at the downtown store, so friendly and helpful!',
    'My {brand} order arrived a day early and perfectly packed. Love it.',
    'The new {brand} app update is fast and finally easy to use. Great job.',
    'Got my refund from {brand} within 24 hours, no questions asked. That is how it should be.',
    '{brand} prices are really fair for the quality you get. Happy customer here.',
    'Been using {brand} for three years and it keeps getting better.',
    'Honestly the best customer service I have had all year, thanks {brand}!',
    'Delivery driver from {brand} was super polite and careful with the package.',
    'Switched to {brand} last month and I am not going back. Excellent value.',
    'The {brand} chat agent was patient and knew exactly what to do. Five stars.',
    'Loving the quality of my {brand} purchase, feels premium.',
  ],
  neutral: [
    'Does anyone know if {brand} ships to Canada?',
    'Comparing {brand} with a couple of alternatives before I decide.',
    'What are the {brand} support hours on weekends?',
    '{brand} just announced a new product line, details on their blog.',
    'Is the {brand} app available on tablets yet?',
    'Ordered from {brand} today, we will see how long delivery takes.',
    'Anyone tried the {brand} subscription plan? Curious about the price.',
    '{brand} changed their returns page, the refund window is now 30 days.',
    'Heading to the {brand} store later to pick up an order.',
    'Saw a {brand} ad on TV tonight.',
  ],
  negative: [
    'Waited 45 minutes on hold with {brand} support and then got disconnected. Terrible.',
    'Still no refund from {brand} after three weeks. This is ridiculous.',
    'My {brand} delivery is a week late and tracking has not updated since Monday.',
    'The {brand} app keeps crashing at checkout. So frustrating.',
    '{brand} raised prices again and the quality got worse. Not worth it anymore.',
    'The staff at {brand} were rude and unhelpful today. Never again.',
    'Package from {brand} arrived damaged and nobody answers my emails.',
    'Charged twice by {brand} and support keeps closing my ticket without a fix.',
    'Really disappointed with {brand} lately, the service has gone downhill.',
    '{brand} cancelled my order without telling me. Awful experience.',
    'Worst customer service ever, {brand}. I want my money back.',
  ],
};

/** Templates used for the burst of negative mentions during a simulated outage. */
export const OUTAGE_TEMPLATES: readonly string[] = [
  '{brand} app is down again?? Cannot log in at all.',
  'Is {brand} down for everyone or just me? Checkout fails every time.',
  '{brand} website has been broken for an hour, errors everywhere. Terrible timing.',
  'Cannot place an order on {brand}, payment keeps failing. Support not answering.',
  'Outage at {brand} again. This is unacceptable, I need my order today.',
  '{brand} status page says everything is fine but nothing works. Ridiculous.',
  'Third time this month {brand} is down. Seriously considering switching.',
  '{brand} support line is jammed, 2 hour wait because of the outage. Awful.',
];

export const AUTHORS: readonly string[] = [
  'maya',
  'jon',
  'priya',
  'lucas',
  'amara',
  'chen',
  'sofia',
  'omar',
  'ines',
  'tom',
  'yuki',
  'fatima',
  'leo',
  'nora',
  'diego',
  'hana',
  'sam',
  'ava',
  'kofi',
  'elena',
];

export const AUTHOR_SUFFIXES: readonly string[] = [
  '',
  '_88',
  '.writes',
  '_uk',
  '42',
  '_dev',
  '.k',
  '_official',
];
