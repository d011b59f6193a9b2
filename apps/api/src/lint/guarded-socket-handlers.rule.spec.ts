import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

// The repository's own lint rule (tools/eslint), checked here so `npm test` proves it bites.
// eslint-disable-next-line @nx/enforce-module-boundaries
const rule = require('../../../../tools/eslint/guarded-socket-handlers.cjs');

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } } });

// RuleTester makes its own describe/it blocks (one per case).
describe('switchboard/guarded-socket-handlers', () => {
  {
    tester.run('guarded-socket-handlers', rule, {
      valid: [
        `class G { afterInit(ns) { ns.use(socketGate(this.config, async () => undefined)); }
           @SubscribeMessage('a') a(@ConnectedSocket() s, @MessageBody() p) { return validatePayload(Dto, p); } }`,
        `@UseGuards(WsGuard) class G { @SubscribeMessage('a') @UsePipes(pipe) a(@MessageBody() p) { return p; } }`,
        `class G { afterInit(ns) { ns.use(socketGate(c, f)); } @SubscribeMessage('ping') ping() { return 'pong'; } }`,
        `class NotAGateway { handle(p) { return p; } }`,
      ],
      invalid: [
        { code: `class G { @SubscribeMessage('a') a(@MessageBody() p) { return validatePayload(Dto, p); } }`, errors: [{ messageId: 'unguarded' }] },
        { code: `class G { afterInit(ns) { ns.use(other()); } @SubscribeMessage('a') a() { return 1; } }`, errors: [{ messageId: 'unguarded' }] },
        { code: `class G { afterInit(ns) { ns.use(socketGate(c, f)); } @SubscribeMessage('a') a(@MessageBody() p) { return this.svc.do(p); } }`, errors: [{ messageId: 'unvalidated' }] },
        { code: `class G { @SubscribeMessage('a') a(@MessageBody() p) { return p; } }`, errors: [{ messageId: 'unguarded' }, { messageId: 'unvalidated' }] },
      ],
    });
  }
});
