/** Signing lives with the driver that the tests and the demo share; kept here for old imports. */
export { signedHeaders, slackSignature } from "../../src/stand-ins/slack-driver";
