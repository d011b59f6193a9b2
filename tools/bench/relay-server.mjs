#!/usr/bin/env node
// Baseline 1's server: a bare Socket.IO 4 server (same payload cap and ping settings as the API's
// adapter) that relays every `relay` message to the other sockets of its namespace. Run as a child
// process of routing-bench.mjs, so the relay crosses processes the way the API's events do; it sends
// `{ port }` over IPC once it listens and stops on `{ cmd: 'stop' }` or when the parent goes away.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, pingInterval: 10_000, pingTimeout: 10_000, serveClient: false });
io.of('/relay').on('connection', (socket) => {
  socket.on('relay', (payload) => socket.broadcast.emit('relayed', payload));
});

http.listen(0, '127.0.0.1', () => process.send?.({ port: http.address().port }));
const stop = () => io.close(() => process.exit(0));
process.on('message', (message) => message?.cmd === 'stop' && stop());
process.on('disconnect', stop);
