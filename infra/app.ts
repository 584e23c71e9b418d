import { App } from 'aws-cdk-lib';
import { buildHelpdesk } from './helpdesk.js';

buildHelpdesk(new App());
