import { render } from 'preact';
import { ConsoleApp } from './console-app';

render(<ConsoleApp />, document.getElementById('app')!);
