// scrollama's package points bundlers at its UMD build ("module" lacks an extension), so we
// import its ES entry directly. Its bundled .d.ts is out of date; these are the parts we use,
// as scrollama 3.2 implements them.
declare module 'scrollama/index.js' {
  interface StepResponse {
    element: HTMLElement;
    index: number;
    direction: 'up' | 'down';
  }
  interface ProgressResponse extends StepResponse {
    progress: number;
  }
  interface SetupOptions {
    step: HTMLElement[];
    offset?: number;
    progress?: boolean;
    threshold?: number;
    once?: boolean;
    debug?: boolean;
  }
  interface Scrollama {
    setup(options: SetupOptions): Scrollama;
    onStepEnter(callback: (response: StepResponse) => void): Scrollama;
    onStepExit(callback: (response: StepResponse) => void): Scrollama;
    onStepProgress(callback: (response: ProgressResponse) => void): Scrollama;
    resize(): Scrollama;
    enable(): Scrollama;
    disable(): Scrollama;
    destroy(): Scrollama;
  }
  export default function scrollama(): Scrollama;
}
