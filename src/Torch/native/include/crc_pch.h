// Precompiled header: the libtorch headers every translation unit includes.
#pragma once
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/ScalarOps.h>
#include <torch/version.h>
#include <torch/cuda.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/generated/variable_factories.h>
