import { splitQuotedText, type SplitEmailText } from './email-quote.util';

const gmail = [
  'Thanks, that works for me.',
  '',
  'Pat',
  '',
  'On Mon, 3 Feb 2025 at 10:12, Globex Retail <orders@globex.demo> wrote:',
  '',
  '> Hello Pat,',
  '> your refund was issued today.',
  '>',
  '> — Maria, Globex Retail',
].join('\n');

const gmailWrapped = [
  'Still nothing arrived.',
  '',
  'On Tue, Feb 4, 2025 at 9:03 AM Northwind Insurance Claims Department <',
  'support@northwind.demo> wrote:',
  '',
  '> We have received your claim.',
].join('\n');

const outlook = [
  'Hi team,',
  '',
  'Please see the invoice below.',
  '',
  'Regards,',
  'Sam',
  '',
  '-----Original Message-----',
  'From: Globex Retail <orders@globex.demo>',
  'Sent: Tuesday, February 4, 2025 9:15 AM',
  'To: Sam Lee <sam@example.com>',
  'Subject: RE: Invoice 8812 [SB-1042]',
  '',
  'Could you send us the invoice number?',
].join('\n');

const outlookWeb = [
  'Yes, the address is correct.',
  '',
  '________________________________',
  'From: Globex Retail <orders@globex.demo>',
  'Sent: 04 February 2025 09:15',
  'To: sam@example.com',
  'Subject: Delivery address',
  '',
  'Is 12 High Street still your address?',
].join('\n');

const outlookHeadersOnly = [
  'Approved.',
  '',
  'From: Claims <support@northwind.demo>',
  'Date: Wednesday, 5 February 2025 at 14:02',
  'To: Ola Nordmann <ola@example.com>',
  'Subject: Claim 4471',
  '',
  'Please approve the repair quote.',
].join('\n');

const appleMail = [
  'Perfect, thank you!',
  '',
  'Sent from my iPhone',
  '',
  'On 3 Feb 2025, at 10:12, Globex Retail <orders@globex.demo> wrote:',
  '',
  '> Your parcel is on its way.',
].join('\n');

const signature = ['Where is order 77?', '', '-- ', 'Sam Lee', 'Head of Purchasing, Initech', '+44 20 7946 0000'].join('\n');

const inline = [
  '> Which size did you order?',
  'A medium.',
  '',
  '> And which colour?',
  'Blue.',
  '',
  'On Mon, 3 Feb 2025 at 10:12, Globex Retail <orders@globex.demo> wrote:',
  '> Which size did you order?',
  '> And which colour?',
].join('\n');

const bareQuoteAtEnd = ['I agree.', '', '> Shall we close the claim?', '> It has been a month.'].join('\n');

const german = ['Danke!', '', 'Am 03.02.2025 um 10:12 schrieb Globex Retail <orders@globex.demo>:', '> Ihr Paket ist unterwegs.'].join('\n');

const crlf = 'Got it.\r\n\r\nOn Mon, 3 Feb 2025 at 10:12, Globex <orders@globex.demo> wrote:\r\n> Sent.\r\n';

describe('splitQuotedText', () => {
  it.each<[string, string, SplitEmailText]>([
    ['Gmail: a reply above an attribution and > lines', gmail, { visible: 'Thanks, that works for me.\n\nPat', quoted: gmail.slice(gmail.indexOf('On Mon')) }],
    ['Gmail: an attribution wrapped over two lines', gmailWrapped, { visible: 'Still nothing arrived.', quoted: gmailWrapped.slice(gmailWrapped.indexOf('On Tue')) }],
    ['Outlook desktop: -----Original Message-----', outlook, { visible: 'Hi team,\n\nPlease see the invoice below.\n\nRegards,\nSam', quoted: outlook.slice(outlook.indexOf('-----Original')) }],
    ['Outlook on the web: a rule, then From: and Sent:', outlookWeb, { visible: 'Yes, the address is correct.', quoted: outlookWeb.slice(outlookWeb.indexOf('____')) }],
    ['Outlook for Mac: From: and Date: headers without a rule', outlookHeadersOnly, { visible: 'Approved.', quoted: outlookHeadersOnly.slice(outlookHeadersOnly.indexOf('From:')) }],
    ['Apple Mail on iPhone: "On …, at …, … wrote:"', appleMail, { visible: 'Perfect, thank you!\n\nSent from my iPhone', quoted: appleMail.slice(appleMail.indexOf('On 3 Feb')) }],
    ['a signature after "-- "', signature, { visible: 'Where is order 77?', quoted: '-- \nSam Lee\nHead of Purchasing, Initech\n+44 20 7946 0000' }],
    ['inline answers keep their quotes; the history under them folds', inline, { visible: '> Which size did you order?\nA medium.\n\n> And which colour?\nBlue.', quoted: inline.slice(inline.indexOf('On Mon')) }],
    ['> lines at the end without an attribution', bareQuoteAtEnd, { visible: 'I agree.', quoted: '> Shall we close the claim?\n> It has been a month.' }],
    ['German attribution (Am … schrieb …:)', german, { visible: 'Danke!', quoted: german.slice(german.indexOf('Am 03')) }],
    ['CRLF line ends', crlf, { visible: 'Got it.', quoted: 'On Mon, 3 Feb 2025 at 10:12, Globex <orders@globex.demo> wrote:\n> Sent.' }],
  ])('%s', (_name, text, expected) => expect(splitQuotedText(text)).toEqual(expected));

  it.each<[string, string]>([
    ['a plain message', 'My claim number is 4471.\nPlease call me back.'],
    ['a message that starts with "On" but attributes nothing', 'On Monday the parcel arrived broken.\nI want a refund.'],
    ['a quote only (nothing new): nothing is hidden', '> Is the blue kettle back in stock?\n> Thanks'],
    ['a sentence mentioning From: without mail headers', 'From: the warehouse, I guess?\nNobody told me.'],
    ['a dash line that is not a signature delimiter', 'Total --- 40 EUR\n--- end ---'],
  ])('leaves %s whole', (_name, text) => expect(splitQuotedText(text)).toEqual({ visible: text, quoted: null }));
});
