import { App } from 'cdktf';
import { enablePlanwarden } from '../../modules/check';
import { PhiPlatformStack } from './phi-platform-stack';

// `cdktf synth` in this folder compiles this file (tsconfig.json) and runs it.
const app = new App();
const stack = new PhiPlatformStack(app, 'phi-platform');
// Synth fails, naming the rule, construct and fix, if any blocking finding is not suppressed.
enablePlanwarden(stack);
app.synth();
