using Crucible.Torch.Nn;

namespace Crucible.Torch.Tests.Nn;

/// <summary>
/// The custom-module story, written as a plugin author would subclass nn.Module: submodules and a
/// parameter registered in the constructor, Forward overridden. Mirrors Mlp in nn_reference.py.
/// </summary>
internal sealed class CustomMlp : Module
{
    private readonly Linear fc1;
    private readonly ModuleList blocks;
    private readonly Linear head;
    private readonly Tensor scale;

    public CustomMlp()
    {
        fc1 = RegisterModule("fc1", new Linear(4, 8));
        blocks = RegisterModule("blocks", new ModuleList(new Linear(8, 8), new Linear(8, 8)));
        head = RegisterModule("head", new Linear(8, 3));
        scale = RegisterParameter("scale", torch.Ones([3]));
    }

    public override Tensor Forward(Tensor input)
    {
        var x = F.Relu(fc1.Forward(input));
        foreach (var block in blocks)
        {
            x = F.Tanh(block.Forward(x)) + x;
        }

        return head.Forward(x) * scale;
    }
}
