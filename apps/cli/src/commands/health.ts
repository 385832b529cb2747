import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { printJson } from '../output';

export const health: Command = {
  name: 'health',
  summary: 'check that the API answers',
  usage: 'dofs health',
  options: {},
  async run(context) {
    const answer = await context.sdk().health();
    if (context.json) printJson(context.io, { api_url: context.apiUrl, ...answer });
    else context.io.stdout.write(`${context.apiUrl}: ${answer.status}\n`);
    return EXIT.OK;
  },
};
