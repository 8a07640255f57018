// What a user of checksecure/middleware writes in an Express app: the nonce is typed on the
// request and on res.locals, with no cast (TS2339 before the augmentation).
import express from 'express';
import { secure } from 'checksecure/middleware';

const app = express();
app.use(secure());
app.get('/', (req, res) => {
  const fromRequest: string | undefined = req.cspNonce;
  const fromLocals: string | undefined = res.locals.cspNonce;
  // @ts-expect-error the nonce is a string, not a number
  const wrong: number | undefined = req.cspNonce;
  res.send(`<script nonce="${fromRequest ?? fromLocals ?? ''}"></script>${String(wrong)}`);
});
