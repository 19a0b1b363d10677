import { App } from 'cdktf';
import { PhiPlatformStack } from './phi-platform-stack';

// `cdktf synth` (cdktf.json in this folder) or `node dist/examples/cdktf-app/main.js` after the build.
const app = new App();
new PhiPlatformStack(app, 'phi-platform');
app.synth();
