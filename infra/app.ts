import { App } from 'aws-cdk-lib';
import { StatefulStack } from './stacks/stateful-stack.js';

const app = new App();
new StatefulStack(app, 'HelpdeskStateful', { description: 'Help desk: table (retained)' });
