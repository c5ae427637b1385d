/**
 * Tensors with reverse-mode automatic differentiation: one engine, one rule per primitive, for float32 and
 * float64 alike.
 *
 * <h2>Layers, from the learner's call down</h2>
 * <ul>
 *   <li>{@link cadl.tensor.Tensor}: values, shape, and for results of tensors that require gradients the op
 *       that made them (ordered inputs, a scoped op name, a backward rule). Each op method leads in one step to
 *       its rule.</li>
 *   <li>The rules, a static method per primitive with forward and backward side by side, grouped by kind:
 *       {@code Elementwise}, {@code Reductions}, {@code Shaping} (matmul, moves, selections), {@code Conv}.
 *       They compute only through the kernel, so the same rule code serves both dtypes: the float64 gradient
 *       checks ({@link cadl.tensor.GradCheck}) check exactly what float32 runs.</li>
 *   <li>The kernel layer, {@code Kernel}: where values live and what computes them. Values are always one
 *       row-major Java array per tensor ({@code float[]} or {@code double[]}); {@code HeapKernel} computes
 *       float32 with loops the JIT vectorises (about a microsecond of overhead per op), OpenBLAS sgemm on
 *       native copies, split over threads ({@code Blas}), and convolutions as im2col + sgemm with the batch
 *       split across threads ({@code FloatConv}); {@code Nd4jKernel} computes float64 with ND4J, dgemm and
 *       ND4J's oneDNN convolutions, an independent reference. GEMMs take transpose flags (no transposed
 *       copies), and large GEMMs and convolutions are single kernel calls: the place for threading and layout
 *       work. Loops over large arrays, large GEMMs and convolutions split across {@code Parallel}'s threads
 *       ({@code CADL_THREADS}, else every core) above a grain; smaller work stays on the calling thread.</li>
 *   <li>{@code Engine}: the iterative topological walk of {@code backward()}, where a broadcast input's
 *       gradient is summed down to its shape (the only place broadcasting is undone), graphs are released,
 *       and a NaN or Inf in the forward pass is traced to the op that made it.</li>
 *   <li>{@link cadl.tensor.Scope} (names such as "layer1/W"), {@link cadl.tensor.NoGrad}, {@link cadl.tensor.Rng}
 *       (the one seeded source of randomness), {@link cadl.tensor.DType}, {@link cadl.tensor.Padding},
 *       {@link cadl.tensor.Errors} (every error message), {@link cadl.tensor.Nd4jInterop} (the explicit, copying
 *       bridge to ND4J). Drawing a graph is {@code cadl.viz.Graph}'s business: this package depends on nothing
 *       of the course above it.</li>
 * </ul>
 *
 * <h2>Why a method per primitive, grouped in a few files</h2>
 * A rule is five to ten lines: the forward call into the kernel, and a lambda that maps the upstream gradient
 * to the inputs' gradients, capturing what it needs. A class per primitive (PyTorch's autograd Function,
 * Karpathy's micrograd) would wrap those lines in a class, a constructor and two overrides, and scatter 25
 * primitives over 25 files; one big table of rules (tinygrad's {@code mlops}) puts everything in one file
 * but needs a uniform signature that shapes, axes and flags do not fit. A static method per primitive is
 * read top to bottom like the table below, with its arguments checked where they are used, and the
 * {@code Tensor} method that calls it is one line. The lambda is the backward rule; the engine calls it with
 * one array type, so the call sites stay monomorphic in practice and an op costs about a microsecond.
 *
 * <h2>Primitives and their derivatives (upstream gradient g, output y)</h2>
 * <table>
 *   <caption>backward rules</caption>
 *   <tr><th>op</th><th>forward</th><th>gradient to the inputs</th></tr>
 *   <tr><td>add / sub</td><td>a + b, a - b</td><td>g, g / g, -g</td></tr>
 *   <tr><td>mul</td><td>a * b</td><td>g b, g a</td></tr>
 *   <tr><td>div</td><td>a / b</td><td>g / b, -(g / b) y</td></tr>
 *   <tr><td>pow(p) / square</td><td>x^p, x^2</td><td>g p x^(p-1), 2 g x</td></tr>
 *   <tr><td>exp / log / sqrt</td><td>e^x, ln x, sqrt x</td><td>g y, g / x, g / (2 y)</td></tr>
 *   <tr><td>abs</td><td>|x|</td><td>g sign(x) (0 at 0)</td></tr>
 *   <tr><td>sin / cos</td><td>sin x, cos x</td><td>g cos x, -g sin x</td></tr>
 *   <tr><td>tanh / sigmoid</td><td>tanh x, 1/(1+e^-x)</td><td>g (1 - y^2), g y (1 - y)</td></tr>
 *   <tr><td>relu / leakyRelu(a)</td><td>max(x, 0), x or a x</td><td>g [x &gt; 0] (0 at 0, NaN at NaN), g or a g</td></tr>
 *   <tr><td>clip(lo, hi)</td><td>min(max(x, lo), hi)</td><td>g [lo &lt;= x &lt;= hi]</td></tr>
 *   <tr><td>sum(axes)</td><td>sum over axes</td><td>g copied along the summed axes</td></tr>
 *   <tr><td>max(axes)</td><td>max over axes (NaN wins)</td><td>g to the maxima, shared equally between ties</td></tr>
 *   <tr><td>softmax / logSoftmax</td><td>e^x / sum e^x, x - log sum e^x</td><td>y (g - sum(g y)), g - softmax(x) sum(g)</td></tr>
 *   <tr><td>softmaxCrossEntropy (fused)</td><td>-(1/N) sum y log softmax(z)</td><td>(softmax(z) sum_k y - y) g / N, -log softmax(z) g / N</td></tr>
 *   <tr><td>matmul (opt. A or B read transposed)</td><td>A B</td><td>g B^T, A^T g (GEMM transpose flags; for a transposed operand the transpose of that)</td></tr>
 *   <tr><td>permute / reshape</td><td>moves or regroups elements (reshape shares them)</td><td>the inverse move applied to g</td></tr>
 *   <tr><td>concat / slice / rows</td><td>joins or selects</td><td>g split / placed into zeros / added back per row</td></tr>
 *   <tr><td>conv2d / conv2dTranspose</td><td>see {@link cadl.tensor.Tensor#conv2d}</td><td>each is the other's adjoint: d/dx is the other op applied to g; d/dw a filter gradient; only those needed</td></tr>
 *   <tr><td>dropout / maskingNoise</td><td>x m (m random)</td><td>g m</td></tr>
 *   <tr><td>cast</td><td>x in another dtype</td><td>g cast back</td></tr>
 * </table>
 * Composites have no backward of their own: {@code neg} and the scalar forms of the arithmetic (a scalar
 * constant of the tensor's dtype), {@code mean}, {@code stack}, {@code expandDims}, {@code squeeze},
 * {@code transpose}, the losses in {@code cadl.nn.Losses}. The one fused rule, softmaxCrossEntropy, is one graph
 * node instead of six and is gradient-checked like the others.
 *
 * <h2>Contracts</h2>
 * Element counts are computed in long and a shape one array cannot hold, or larger than the heap, is refused
 * with the shape and the bytes. Negative axes count from the end everywhere. NaN propagates as in PyTorch
 * (relu, max, clip keep it). float32 and float64 do not mix silently: convert with {@code toDouble()} or
 * {@code toFloat()}. {@code detach()} shares values, {@code copy()} copies, and no op changes another tensor's
 * values; the only in-place writes are {@code update} (an optimizer's step) and {@code copyFrom} on leaves.
 */
package cadl.tensor;
