import { isLuhnValid, maskCardAfterBlankedStart, maskCardSplitAcrossMessages, maskSensitiveData, maskTrailingPartialCard } from './card-masking.util';

describe('isLuhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['378282246310005', true], // Amex test number
    ['6011111111111117', true], // Discover
    ['5555555555554444', true], // Mastercard
    ['', false],
    ['4111-1111', false],
  ])('%s → %s', (digits, valid) => expect(isLuhnValid(digits)).toBe(valid));
});

describe('maskSensitiveData', () => {
  it.each([
    ['plain', 'my card is 4111111111111111 thanks', 'my card is ************1111 thanks', 1],
    ['spaces', 'card 4111 1111 1111 1111.', 'card **** **** **** 1111.', 1],
    ['dashes', '5555-5555-5555-4444', '****-****-****-4444', 1],
    ['dots', '4111.1111.1111.1111', '****.****.****.1111', 1],
    ['amex grouping', 'amex 3782 822463 10005', 'amex **** ****** *0005', 1],
    ['inside a word', 'card4111111111111111please', 'card************1111please', 1],
    ['two cards', '4111111111111111 and 5555555555554444', '************1111 and ************4444', 2],
    ['not Luhn-valid: an order number stays', 'order 4111111111111112', 'order 4111111111111112', 0],
    ['a phone number stays', 'call +1 800 555 0142', 'call +1 800 555 0142', 0],
    ['a date and an amount stay', 'on 2026-11-23 I paid 1499.00', 'on 2026-11-23 I paid 1499.00', 0],
    ['a card run into a longer number', 'ref 41111111111111119999', 'ref ************11119999', 1],
    ['double spaces', 'card 4111  1111  1111  1111', 'card ****  ****  ****  1111', 1],
    ['slashes and underscores', '4111/1111/1111/1111 or 4111_1111_1111_1111', '****/****/****/1111 or ****_****_****_1111', 2],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111', '**** - **** - **** - 1111', 1],
    ['a line break inside', '4111 1111\n1111 1111', '**** ****\n**** 1111', 1],
    ['one digit at a time', '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1', '* * * * * * * * * * * * 1 1 1 1', 1],
    ['a long id with no card brand inside stays', 'tracking 90000000000000000000001', 'tracking 90000000000000000000001', 0],
    // Security over convenience: a long id that happens to contain a branded Luhn-valid run is masked.
    ['a long id with a card-shaped run inside is masked', 'tracking 12345678901234567890123', 'tracking 12***************890123', 1],
  ])('%s', (_why, input, expected, cards) => {
    const result = maskSensitiveData(input);
    expect(result.text).toBe(expected);
    expect(result.cards).toBe(cards);
  });

  it.each([
    ['CVV 123', 'CVV ***'],
    ['cvc: 9876', 'cvc: ****'],
    ['the security code is 321', 'the security code is ***'],
    ['cvv2=456 exp 12/29', 'cvv2=*** exp 12/29'],
    ['my CVV number is 123', 'my CVV number is ***'],
    ['el código CVV es 123', 'el código CVV es ***'],
    ['el código de seguridad es 4321', 'el código de seguridad es ****'],
    ['ang CVV ko ay 789', 'ang CVV ko ay ***'],
  ])('blanks a named security code: %s', (input, expected) => {
    const result = maskSensitiveData(input);
    expect(result.text).toBe(expected);
    expect(result.securityCodes).toBe(1);
  });

  it.each([
    ['a code straight after the card', '4111 1111 1111 1111 123 thanks', '**** **** **** 1111 *** thanks'],
    ['a code after the expiry date', '4111111111111111 exp 12/27 987', '************1111 exp 12/27 ***'],
    ['a code after a quoted card', '"4111-1111-1111-1111" 11/27 327', '"****-****-****-1111" 11/27 ***'],
    ['an amex with its four-digit code', '3782 822463 10005 9423', '**** ****** *0005 ****'],
    ['a code named loosely after the card', 'my card is 4111 1111 1111 1111 and the code is 456', 'my card is **** **** **** 1111 and the code is ***'],
    ['the same in Spanish', 'tarjeta 4111111111111111, el código es 789', 'tarjeta ************1111, el código es ***'],
    ['the PIN after the card', '5555 5555 5555 4444 pin: 1234', '**** **** **** 4444 pin: ****'],
  ])('blanks an unnamed code next to a card: %s', (_why, input, expected) => {
    const result = maskSensitiveData(input);
    expect(result.text).toBe(expected);
    expect(result.securityCodes).toBe(1);
  });

  it.each(['CVV please', 'I have 3 cards and cvv questions', 'evacuation cid 123abc', 'the cvc is wrong, order 12345'])('leaves text that only mentions a code alone: %s', (text) => {
    expect(maskSensitiveData(text).securityCodes).toBe(0);
  });

  it.each([
    ['other digits between the card and the code', 'card 4111 1111 1111 1111 arrives on the 3rd, code 98765'],
    ['a code on the next line', '4111 1111 1111 1111\nthe promo code is 123'],
    ['too far after the card', '4111 1111 1111 1111 was refused at the till yesterday, so the store code is 555'],
  ])('leaves a number after a card alone when it is not its code: %s', (_why, text) => {
    expect(maskSensitiveData(text).securityCodes).toBe(0);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Hi, my order #A-1029 arrived broken. Can you help? Room 101, 3 items.';
    expect(maskSensitiveData(text)).toEqual({ text, cards: 0, securityCodes: 0 });
  });
});

describe('maskCardSplitAcrossMessages', () => {
  it.each([
    ['4111 1111', '1111 1111 thanks', '**** ****', '**** 1111 thanks'],
    ['my card is 4111-1111-1111', '1111', 'my card is ****-****-****', '1111'],
    ['5555 5555 5555', '4444 is it ok?', '**** **** ****', '4444 is it ok?'],
    ['number: 41111111', '11111111', 'number: ********', '****1111'],
  ])('%s | %s', (earlier, later, maskedEarlier, maskedLater) => {
    expect(maskCardSplitAcrossMessages(earlier, later)).toEqual({ earlier: maskedEarlier, later: maskedLater });
  });

  it.each([
    ['order 12345', '678'],
    ['call me at 555 0100', '2 thanks'],
    ['4111 1111', 'hello'],
    ['hello', '4111 1111 1111 1111'],
    ['4111 1111', '1111 1112'],
    ['411', '1111111111111'],
  ])('leaves unrelated numbers alone: %s | %s', (earlier, later) => expect(maskCardSplitAcrossMessages(earlier, later)).toBeNull());
});

describe('maskTrailingPartialCard', () => {
  it.each([
    ['the start of a card, grouped', 'my card is 4111 1111 1111', 'my card is **** **** ****', true],
    ['eight digits in two groups', 'card 5555 5555', 'card **** ****', true],
    ['amex start', 'es 3724 755336.', 'es **** ******.', true],
    ['ungrouped start', 'pan 411111111111', 'pan ************', true],
    ['a whole card is left to maskSensitiveData', '4111 1111 1111 1111', '4111 1111 1111 1111', false],
    ['a US phone number in threes', 'call 415 555 0142', 'call 415 555 0142', false],
    ['ten ungrouped digits are a phone number', 'call 4155550142', 'call 4155550142', false],
    ['no card brand', 'order 9123 4567 8912', 'order 9123 4567 8912', false],
    ['too few digits', 'room 4111 11', 'room 4111 11', false],
    ['not at the end', '4111 1111 1111 is my card', '4111 1111 1111 is my card', false],
  ])('%s', (_why, input, expected, masked) => {
    expect(maskTrailingPartialCard(input)).toEqual({ text: expected, masked });
  });
});

describe('maskCardAfterBlankedStart', () => {
  it.each([
    ['**** **** ****', '1111 thanks', '1111 thanks'],
    ['**** ****', '1111 1111 ok', '**** 1111 ok'],
    ['**** ****', '1111 1111 123', '**** 1111 ***'],
    ['**** ******', '10005 exp 12/27 9423', '*0005 exp 12/27 ****'],
  ])('%s | %s', (earlier, later, expected) => {
    const result = maskCardAfterBlankedStart(earlier, later);
    expect(result ?? later).toBe(expected);
  });

  it.each([
    ['hello', '4111 1111'],
    ['**** ****', 'hello 1234'],
    ['***', '1111 1111 1111'],
  ])('leaves other messages alone: %s | %s', (earlier, later) => expect(maskCardAfterBlankedStart(earlier, later)).toBeNull());
});
