import { runBotProcess } from "./bot-process";

/** `npm start` (`node dist/main.js`): the bot, until a signal stops it (bot-process.ts). */
await runBotProcess();
