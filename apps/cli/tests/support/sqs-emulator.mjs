// fauxqs (the SQS emulator the local runtime uses) alone, in its own process: it is an ES module,
// which jest's CommonJS runtime cannot load. Creates order_queue and order_dlq, tells the parent
// where they are over IPC, and stops when the parent goes away.
import { startFauxqs } from 'fauxqs';

const server = await startFauxqs({ port: 0, logger: false });
const queues = { order_queue: server.createQueue('order_queue').queueUrl, order_dlq: server.createQueue('order_dlq').queueUrl };
process.send?.({ address: server.address, queues });
process.on('disconnect', () => void server.stop().then(() => process.exit(0)));
