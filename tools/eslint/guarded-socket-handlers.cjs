/**
 * switchboard/guarded-socket-handlers: every `@SubscribeMessage` handler must be guarded.
 *
 * A gateway is guarded when either
 *   - its class (or the handler) carries `@UseGuards(...)`, or
 *   - its `afterInit` installs `socketGate(...)` as namespace middleware (authentication of the
 *     handshake, Origin check and the per-socket rate limit: nothing reaches a handler without it).
 * And each handler that takes a `@MessageBody()` must validate it with `validatePayload(...)`
 * (or carry `@UsePipes(...)`), so no payload reaches a service unchecked.
 */
const decoratorName = (decorator) => {
  const expression = decorator.expression;
  if (expression.type === 'CallExpression') return expression.callee.type === 'Identifier' ? expression.callee.name : null;
  return expression.type === 'Identifier' ? expression.name : null;
};
const hasDecorator = (node, name) => (node.decorators ?? []).some((d) => decoratorName(d) === name);

function callsFunction(node, name) {
  let found = false;
  const visit = (n) => {
    if (found || !n || typeof n.type !== 'string') return;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) {
      found = true;
      return;
    }
    for (const key of Object.keys(n)) {
      if (key === 'parent') continue;
      const value = n[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value.type === 'string') visit(value);
    }
  };
  visit(node);
  return found;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Every @SubscribeMessage handler is behind socketGate (or @UseGuards) and validates its payload.' },
    schema: [],
    messages: {
      unguarded: 'Socket handler "{{name}}" is not guarded: install socketGate(...) in the gateway\'s afterInit or add @UseGuards(...).',
      unvalidated: 'Socket handler "{{name}}" takes a @MessageBody() but never calls validatePayload(...) (or @UsePipes).',
    },
  },
  create(context) {
    return {
      ClassDeclaration(node) {
        const members = node.body.body.filter((m) => m.type === 'MethodDefinition');
        const handlers = members.filter((m) => hasDecorator(m, 'SubscribeMessage'));
        if (handlers.length === 0) return;
        const afterInit = members.find((m) => m.key.type === 'Identifier' && m.key.name === 'afterInit');
        const classGuarded = hasDecorator(node, 'UseGuards') || (afterInit && callsFunction(afterInit.value.body, 'socketGate'));
        for (const handler of handlers) {
          const name = handler.key.type === 'Identifier' ? handler.key.name : '(computed)';
          if (!classGuarded && !hasDecorator(handler, 'UseGuards')) context.report({ node: handler, messageId: 'unguarded', data: { name } });
          const takesBody = handler.value.params.some((p) => hasDecorator(p.type === 'TSParameterProperty' ? p.parameter : p, 'MessageBody'));
          const validated = hasDecorator(handler, 'UsePipes') || hasDecorator(node, 'UsePipes') || callsFunction(handler.value.body, 'validatePayload');
          if (takesBody && !validated) context.report({ node: handler, messageId: 'unvalidated', data: { name } });
        }
      },
    };
  },
};
