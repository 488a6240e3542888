// The live load the dashboard is looked at under, all on loopback: card payments through the official Stripe
// SDK (a few declined), refunds of some of them, lookups of a payment that does not exist (a bus error), two
// webhook endpoints (one answers 200, one 500 so that deliveries retry and fail), and bursts of reads past
// the `status_read` limit the run sets, so that rate-limit refusals show.
import { createServer } from 'node:http';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback receiver: `/ok` answers 200, anything else 500. Counts what each path got. */
export async function startWebhookReceiver() {
  const received = { ok: 0, failing: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/ok') {
        received.ok += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      } else {
        received.failing += 1;
        res.writeHead(500).end('down for the live run');
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Drives the load for `seconds`; `statusReadLimit` is the per-minute `status_read` limit the platform was
 * started with (the burst sends 2.5 times as many, in waves over 10 s). Returns the tally of what was sent and how it was answered.
 */
export async function driveLoad({ stripe, receiver, seconds, concurrency, statusReadLimit, log }) {
  await stripe.webhookEndpoints.create({ url: `${receiver.base}/ok`, enabled_events: ['*'] });
  await stripe.webhookEndpoints.create({ url: `${receiver.base}/failing`, enabled_events: ['*'] });
  const tally = { payments: 0, declined: 0, refunds: 0, missing: 0, burst: 0, refused: 0, unexpected: 0 };
  const deadline = Date.now() + seconds * 1000;

  const payer = async (worker) => {
    for (let n = 0; Date.now() < deadline; n += 1) {
      const declined = (n + worker) % 10 === 9;
      try {
        const intent = await stripe.paymentIntents.create({
          amount: 1000 + ((n * 37) % 5000),
          currency: 'usd',
          payment_method: declined ? 'pm_card_chargeDeclined' : 'pm_card_visa',
          confirm: true,
        });
        tally.payments += 1;
        if (n % 3 === 0) {
          await stripe.refunds.create({ payment_intent: intent.id, amount: 500 });
          tally.refunds += 1;
        }
      } catch (error) {
        if (declined && error.type === 'StripeCardError') tally.declined += 1;
        else {
          tally.unexpected += 1;
          log(`unexpected answer: ${error.statusCode ?? ''} ${error.code ?? error.message}`);
        }
      }
    }
  };

  const lookups = async () => {
    while (Date.now() < deadline) {
      await stripe.paymentIntents.retrieve('pi_doesnotexist000000000000').catch((error) => {
        if (error.statusCode === 404) tally.missing += 1;
        // Lookups share the `status_read` limit with the burst.
        else if (error.statusCode === 429) tally.refused += 1;
        else {
          tally.unexpected += 1;
          log(`unexpected answer to a lookup: ${error.statusCode ?? ''} ${error.code ?? error.message}`);
        }
      });
      await sleep(1000);
    }
  };

  // Waves over several scrapes rather than one volley: a labelled counter's series is born at its first
  // increment, so the refusals of the scrape interval that creates it never show in rate() (see the README).
  const burst = async () => {
    await sleep((seconds * 1000) / 2);
    const wave = Math.ceil(statusReadLimit / 4);
    for (let n = 0; n < 10; n += 1) {
      const answers = await Promise.all(
        Array.from({ length: wave }, () =>
          stripe.paymentIntents.list({ limit: 1 }).then(
            () => 200,
            (error) => error.statusCode ?? 0,
          ),
        ),
      );
      tally.burst += answers.length;
      tally.refused += answers.filter((status) => status === 429).length;
      await sleep(1000);
    }
  };

  await Promise.all([...Array.from({ length: concurrency }, (_, worker) => payer(worker)), lookups(), burst()]);
  return tally;
}
