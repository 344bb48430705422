using Crucible.Host.Distributed;

namespace Crucible.Host.Tests.Distributed;

public class DistributedEnvironmentTests
{
    private static DistributedEnvironment? Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return DistributedEnvironment.From(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void No_launcher_variables_mean_a_single_process()
    {
        Read().Should().BeNull();
        Read(("PATH", "/usr/bin")).Should().BeNull();
    }

    [Fact]
    public void Torchruns_variables_give_rank_world_size_and_master()
    {
        var env = Read(("RANK", "3"), ("WORLD_SIZE", "4"), ("LOCAL_RANK", "1"), ("MASTER_ADDR", "10.1.2.3"), ("MASTER_PORT", "29500"));

        env.Should().Be(new DistributedEnvironment(3, 4, 1, "10.1.2.3", 29500, "torchrun"));
        env!.IsMain.Should().BeFalse();
    }

    [Theory]
    [InlineData("RANK", "4", "RANK=4 is not below WORLD_SIZE=4")]
    [InlineData("MASTER_PORT", "70000", "MASTER_PORT=70000")]
    [InlineData("RANK", "-1", "RANK=-1")]
    public void A_wrong_torchrun_variable_is_named(string name, string value, string message)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RANK"] = "0", ["WORLD_SIZE"] = "4", ["MASTER_ADDR"] = "h", ["MASTER_PORT"] = "29500",
        };
        map[name] = value;

        var read = () => DistributedEnvironment.From(n => map.GetValueOrDefault(n));

        read.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void A_missing_master_address_is_named()
    {
        var read = () => Read(("RANK", "0"), ("WORLD_SIZE", "2"), ("MASTER_PORT", "1"));

        read.Should().Throw<FormatException>().WithMessage("MASTER_ADDR is not set");
    }

    [Fact]
    public void An_srun_step_with_several_tasks_is_a_group_rooted_on_the_first_node()
    {
        var env = Read(
            ("SLURM_JOB_ID", "123456"), ("SLURM_STEP_ID", "0"), ("SLURM_STEP_NUM_TASKS", "4"), ("SLURM_NTASKS", "4"),
            ("SLURM_PROCID", "2"), ("SLURM_LOCALID", "0"), ("SLURM_STEP_NODELIST", "gpu[07-08]"));

        env.Should().Be(new DistributedEnvironment(2, 4, 0, "gpu07", DistributedEnvironment.SlurmPortBase + 3456, "slurm"));
    }

    [Fact]
    public void Master_address_and_port_set_by_the_user_win_over_slurms_guesses()
    {
        var env = Read(
            ("SLURM_JOB_ID", "9"), ("SLURM_STEP_ID", "0"), ("SLURM_NTASKS", "2"), ("SLURM_PROCID", "1"),
            ("SLURM_LOCALID", "1"), ("SLURM_JOB_NODELIST", "n1"), ("MASTER_ADDR", "head"), ("MASTER_PORT", "4000"));

        env.Should().Be(new DistributedEnvironment(1, 2, 1, "head", 4000, "slurm"));
    }

    [Fact]
    public void A_batch_scripts_shell_and_a_one_task_array_job_are_single_processes()
    {
        Read(("SLURM_JOB_ID", "9"), ("SLURM_NTASKS", "4"), ("SLURM_PROCID", "0"), ("SLURM_JOB_NODELIST", "n[1-4]"))
            .Should().BeNull("no SLURM_STEP_ID: this is the batch script, not an srun step");
        Read(("SLURM_JOB_ID", "9"), ("SLURM_STEP_ID", "0"), ("SLURM_NTASKS", "1"), ("SLURM_PROCID", "0"), ("SLURM_ARRAY_TASK_ID", "3"))
            .Should().BeNull();
    }
}
